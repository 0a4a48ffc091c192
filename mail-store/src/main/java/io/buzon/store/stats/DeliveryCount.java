package io.buzon.store.stats;

import java.time.Instant;

/** Messages delivered in the hour starting at {@code hour}. */
public record DeliveryCount(Instant hour, long count) {
}
