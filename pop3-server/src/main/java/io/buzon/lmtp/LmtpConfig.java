package io.buzon.lmtp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** LMTP listener settings; every key is documented with its default in docs/DELIVERY.md. */
@ConfigMapping(prefix = "buzon.lmtp")
public interface LmtpConfig {

    /** Whether the LMTP listener starts at all (roles without delivery switch it off). */
    @WithDefault("true")
    boolean enabled();

    /** TCP port; 0 binds a random free port (tests). */
    @WithDefault("2424")
    int port();

    /** Address to bind. LMTP has no authentication: keep it on the cluster network. */
    @WithDefault("0.0.0.0")
    String host();

    /** Name announced in the greeting and in Received: headers; empty means the local host name. */
    Optional<String> hostname();

    /** Largest message accepted, in octets after dot-unstuffing (SIZE is announced with it). */
    @WithDefault("52428800")
    long maxMessageSize();

    /** Over-quota recipients get 452 4.2.2 (true, MTA retries, like Dovecot) or 552 5.2.2 (false, bounce). */
    @WithDefault("true")
    boolean quotaFullTempfail();

    /** Usage percentages at which an account receives one warning message per crossing. */
    @WithDefault("80,95")
    List<Integer> quotaWarningThresholds();

    /** Longest command line accepted, CRLF included (RFC 5321 minimum is 512). */
    @WithDefault("2048")
    int maxCommandLength();

    /** Recipients accepted per transaction (RFC 5321 requires at least 100). */
    @WithDefault("100")
    int maxRecipients();

    /** Protocol errors tolerated in one session before it is closed with 421. */
    @WithDefault("10")
    int maxErrors();

    /** Idle time after which a session is closed with 421. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** Concurrent sessions; further connections are greeted with 421 and closed. */
    @WithDefault("200")
    int maxConnections();
}
