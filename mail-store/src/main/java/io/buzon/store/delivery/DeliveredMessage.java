package io.buzon.store.delivery;

import java.time.Instant;

/** A message appended to a mailbox; {@code size} = header prefix + content octets. */
public record DeliveredMessage(long messageId, long accountId, String uidl, long size, Instant receivedAt) {
}
