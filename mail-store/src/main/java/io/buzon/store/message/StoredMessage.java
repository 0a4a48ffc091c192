package io.buzon.store.message;

import java.time.Instant;

/** A message's metadata for listings (the console's mailbox page); {@code firstRetrievedAt} may be null. */
public record StoredMessage(long id, long accountId, String uidl, long size, Instant receivedAt,
                            Instant firstRetrievedAt) {
}
