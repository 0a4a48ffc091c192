package io.buzon.store.delivery;

import io.buzon.store.quota.Quota;
import io.buzon.store.quota.Usage;

import java.time.Instant;

/**
 * A message appended to a mailbox; {@code size} = header prefix + content octets. {@code quota} and
 * {@code usageAfter} are the account's effective quota and usage as the delivery committed them, so that
 * follow-up checks (quota warnings) need not read them again.
 */
public record DeliveredMessage(long messageId, long accountId, String uidl, long size, Instant receivedAt,
                               Quota quota, Usage usageAfter) {
}
