package io.buzon.store.stats;

import java.time.Instant;

/** Logins of one service with one outcome during the hour starting at {@code hour}. */
public record LoginCount(Instant hour, String service, String outcome, long count) {
}
