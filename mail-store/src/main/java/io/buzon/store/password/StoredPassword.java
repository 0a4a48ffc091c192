package io.buzon.store.password;

import java.time.Instant;

/** A row of {@code account_password}; {@code scram} is null for imported hashes until the next login. */
public record StoredPassword(long accountId, String hash, Instant changedAt, ScramCredentials scram) {
}
