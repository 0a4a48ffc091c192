package io.buzon.store.stats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deliveries counted in memory per hour until the next flush. One short lock per delivery: hundreds of
 * deliveries a second cost nothing here, whereas a counter row updated in every delivery transaction
 * would make concurrent commits queue behind its row lock.
 */
public final class DeliveryCounter {

    private Map<Instant, Long> pending = new TreeMap<>();

    public synchronized void add(Instant at, long messages) {
        pending.merge(at.truncatedTo(ChronoUnit.HOURS), messages, Long::sum);
    }

    /** Everything counted so far (hour → messages), leaving the counter empty. */
    public synchronized Map<Instant, Long> drain() {
        Map<Instant, Long> drained = pending;
        pending = new TreeMap<>();
        return drained;
    }

    /** Puts back what a failed flush could not write, so no delivery goes uncounted. */
    public synchronized void restore(Map<Instant, Long> counts) {
        counts.forEach((hour, messages) -> pending.merge(hour, messages, Long::sum));
    }

    public synchronized long pendingTotal() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }
}
