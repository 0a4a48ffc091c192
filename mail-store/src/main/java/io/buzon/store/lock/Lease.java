package io.buzon.store.lock;

import java.time.Instant;

/**
 * An exclusive maildrop lease held by one POP3 session.
 *
 * @param ownerId    {@code <instance id>/<session id>}, unique across replicas
 * @param acquiredAt database time of acquisition
 * @param expiresAt  database time after which another session may take the maildrop unless renewed
 */
public record Lease(long accountId, String ownerId, Instant acquiredAt, Instant expiresAt) {
}
