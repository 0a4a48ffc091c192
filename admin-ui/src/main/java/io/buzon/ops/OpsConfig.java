package io.buzon.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the operations endpoints (health checks); documented in docs/CONFIGURATION.md. */
@ConfigMapping(prefix = "buzon.ops")
public interface OpsConfig {

    Health health();

    interface Health {
        /**
         * How long the readiness probe waits for PostgreSQL before it reports DOWN. Shorter than the
         * Kubernetes probe timeout, so a slow database is reported as DOWN rather than as a probe timeout.
         */
        @WithDefault("2S")
        Duration databaseTimeout();
    }
}
