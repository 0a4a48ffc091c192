package io.buzon.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Store settings; every key and default is listed in docs/STORE.md. */
@ConfigMapping(prefix = "buzon.store")
public interface StoreConfig {

    /** Size of one stored content chunk in bytes ({@code buzon.store.chunk-size}). */
    @WithDefault("262144")
    int chunkSize();

    Lock lock();

    Staging staging();

    interface Lock {
        /** How long a maildrop lease lives without a heartbeat ({@code buzon.store.lock.ttl}). */
        @WithDefault("120s")
        Duration ttl();

        /**
         * How long an instance counts as alive after its last lease heartbeat
         * ({@code buzon.store.lock.instance-ttl}); the leases of an instance silent for longer can be taken
         * over at once. Each instance renews its own row every third of this.
         */
        @WithDefault("12s")
        Duration instanceTtl();
    }

    interface Staging {
        /**
         * Age after which staged content that was never released, or never finished, counts as abandoned
         * ({@code buzon.store.staging.abandon-after}).
         */
        @WithDefault("1h")
        Duration abandonAfter();

        /**
         * How often this instance sweeps abandoned staging; {@code 0s} turns the sweeper off
         * ({@code buzon.store.staging.sweep-interval}).
         */
        @WithDefault("15m")
        Duration sweepInterval();
    }
}
