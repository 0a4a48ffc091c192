package io.buzon.store.auth;

import java.time.Instant;

/** An app password as listed to its owner; the secret itself is never stored or shown again. */
public record AppPassword(long id, long accountId, String name, Instant createdAt, Instant lastUsedAt,
                          String lastUsedAddress, String lastUsedService, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
