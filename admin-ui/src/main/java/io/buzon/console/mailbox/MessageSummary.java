package io.buzon.console.mailbox;

import java.time.Instant;

/** One message of a mailbox as the account page lists it. */
public record MessageSummary(long id, String uidl, long size, Instant receivedAt, Instant firstRetrievedAt,
                             String from, String subject) {
}
