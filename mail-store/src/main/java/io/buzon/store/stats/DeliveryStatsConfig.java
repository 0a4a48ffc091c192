package io.buzon.store.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code buzon.delivery-stats.*}; documented in docs/CONFIGURATION.md. */
@ConfigMapping(prefix = "buzon.delivery-stats")
public interface DeliveryStatsConfig {

    /** How often this instance adds its in-memory delivery counts to {@code delivery_stat}; 0 = only at shutdown. */
    @WithDefault("1m")
    Duration flushInterval();
}
