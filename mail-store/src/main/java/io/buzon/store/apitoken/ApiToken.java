package io.buzon.store.apitoken;

import java.time.OffsetDateTime;

/** A bearer token for {@code /api/v1}, as lists show it: its first characters, never the token. */
public record ApiToken(long id, String name, String tokenPrefix, String createdBy, OffsetDateTime createdAt,
                       OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

    public boolean isActive() {
        return revokedAt == null;
    }
}
