package io.buzon.store.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code buzon.retention.*}: the lowest level of the retention rules; the global, domain and account
 * rows of {@code retention_rule} override it field by field (docs/RETENTION.md).
 */
@ConfigMapping(prefix = "buzon.retention")
public interface RetentionConfig {

    /** Delete a message this many days after its first retrieval; 0 = never. */
    @WithDefault("0")
    int deleteAfterRetrievalDays();

    /** Delete any message older than this many days (since delivery); 0 = never. */
    @WithDefault("0")
    int deleteOlderThanDays();

    /** Minimum seconds between two logins of the same account, announced as POP3 LOGIN-DELAY; 0 = none. */
    @WithDefault("0")
    int loginDelaySeconds();

    default RetentionRule base() {
        return new RetentionRule(deleteAfterRetrievalDays(), deleteOlderThanDays(), loginDelaySeconds());
    }
}
