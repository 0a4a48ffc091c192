package io.buzon.store.domain;

import java.time.Instant;

/**
 * A mail domain. Quota defaults apply to accounts without their own override; {@code null} = unlimited.
 */
public record Domain(long id, String name, Long defaultQuotaBytes, Long defaultQuotaMessages,
                     boolean enabled, Instant createdAt) {
}
