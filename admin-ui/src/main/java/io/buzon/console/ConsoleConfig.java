package io.buzon.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the admin console and the self-service pages; every key is documented in docs/CONSOLE.md. */
@ConfigMapping(prefix = "buzon.console")
public interface ConsoleConfig {

    /** When false, /console, /me and /api answer 404; health and metrics stay up. */
    @WithDefault("true")
    boolean enabled();

    /** Password of the bootstrap admin {@code admin}; generated and logged once when absent. */
    Optional<String> adminPassword();

    /** Idle time after which a browser session ends. */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** Absolute lifetime of a browser session. */
    @WithDefault("PT12H")
    Duration sessionMaxAge();

    /** Failed logins allowed per login name and per source address within {@link #loginWindow()}. */
    @WithDefault("5")
    int loginMaxFailures();

    @WithDefault("PT15M")
    Duration loginWindow();

    /** Cron (Quartz syntax, server time) of the daily retention purge, run by one replica; "off" disables it. */
    @WithDefault("0 30 3 * * ?")
    String retentionSchedule();

    /** Rows per page in lists. */
    @WithDefault("25")
    int pageSize();
}
