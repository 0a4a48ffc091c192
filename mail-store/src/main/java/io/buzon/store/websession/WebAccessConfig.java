package io.buzon.store.websession;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The keys under {@code buzon.console} that the store reads: browser-session lifetimes, the admin sign-in
 * throttle and the retention schedule (the console's own keys are in the application's console
 * configuration; both map the same prefix). Documented in docs/CONSOLE.md and docs/CONFIGURATION.md.
 */
@ConfigMapping(prefix = "buzon.console")
public interface WebAccessConfig {

    /** Idle time after which a browser session ends. */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** Absolute lifetime of a browser session. */
    @WithDefault("PT12H")
    Duration sessionMaxAge();

    /** How often expired and idle sessions are deleted (one replica per interval). */
    @WithDefault("10m")
    String sessionPurgeInterval();

    /** Sign-in failures of one admin name from one address within the window that lock that pair. */
    @WithDefault("5")
    int loginMaxFailures();

    @WithDefault("PT15M")
    Duration loginWindow();

    /** Quartz cron (server time) of the daily retention purge, or {@code off}. */
    @WithDefault("0 30 3 * * ?")
    String retentionSchedule();
}
