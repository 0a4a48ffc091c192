package io.buzon.pop3.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The POP3 listener (plain text with STLS) and the rules every POP3 session follows. */
@ConfigMapping(prefix = "buzon.pop3")
public interface Pop3Config {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("1110")
    int port();

    /** Address to bind, for both POP3 and POP3S. */
    @WithDefault("0.0.0.0")
    String host();

    /** Host name in the generated self-signed certificate. */
    @WithDefault("localhost")
    String hostname();

    /** USER/PASS, AUTH PLAIN and AUTH LOGIN without TLS (RFC 2595 advises against it). */
    @WithDefault("false")
    boolean allowPlaintextAuth();

    /** Client networks where plaintext authentication is allowed without TLS (e.g. a webmail host). */
    Optional<List<String>> plaintextAuthNetworks();

    /** RFC 1939 requires at least 10 minutes. */
    @WithDefault("10m")
    Duration idleTimeout();

    @WithDefault("1000")
    int maxConnections();

    @WithDefault("20")
    int maxConnectionsPerAddress();

    /** Failed logins after which the connection is closed. */
    @WithDefault("3")
    int maxAuthFailures();

    /** Delay before answering the first failed login; the n-th failure waits n times this. */
    @WithDefault("1s")
    Duration authFailureDelay();

    /** Invalid or illegal commands in a row after which the connection is closed. */
    @WithDefault("10")
    int maxProtocolErrors();

    /** Longest SASL response line during AUTH. */
    @WithDefault("16384")
    int maxSaslLineOctets();

    /** Largest write of a message being sent; each waits until the socket took the previous one. */
    @WithDefault("65536")
    int chunkOctets();

    /**
     * Event loops that serve the listeners (connections are spread over them); 0 = one per CPU. Each loop
     * runs the I/O and TLS of its sessions, so one loop would cap a large machine at one core.
     */
    @WithDefault("0")
    int eventLoops();

    /** How often an open session renews its maildrop lease and checks for a termination request. */
    @WithDefault("20s")
    Duration leaseHeartbeatInterval();

    /** How long running sessions may continue after shutdown starts. */
    @WithDefault("20s")
    Duration shutdownGracePeriod();

    /** The text after IMPLEMENTATION in CAPA. */
    @WithDefault("Buzon")
    String implementation();
}
