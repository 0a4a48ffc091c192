package io.buzon.store.stats;

import io.buzon.store.account.Account;
import io.buzon.store.delivery.DeliveryRejectedException;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DeliveryStatsTest {

    @Inject
    DeliveryStats stats;

    @Inject
    DeliveryService delivery;

    @Inject
    StoreFixtures fixtures;

    /** Flushes what earlier tests left pending, then sums the table over the dashboard's window. */
    private long flushedTotal() {
        stats.flush();
        return stats.last24Hours().stream().mapToLong(DeliveryCount::count).sum();
    }

    @Test
    void committedDeliveriesAreCountedAndFlushedExactly() throws Exception {
        long before = flushedTotal();
        Account account = fixtures.newAccount();
        for (int i = 0; i < 5; i++) {
            fixtures.deliver(account.id(), StoreFixtures.uniqueBody("counted " + i));
        }
        // Eight threads at once, as eight LMTP connections would deliver.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Account target = fixtures.newAccount();
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        fixtures.deliver(target.id(), StoreFixtures.uniqueBody("parallel " + i));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Not counted: a rejected delivery (rolled back) and an import (it brings a legacy UIDL).
        Account full = fixtures.newAccount(fixtures.newDomain(null, 0L));
        StagedContent staged = fixtures.stage(StoreFixtures.uniqueBody("over quota"));
        try {
            assertThrows(DeliveryRejectedException.class, () -> fixtures.deliverStaged(full.id(), staged));
        } finally {
            fixtures.release(staged);
        }
        StagedContent imported = fixtures.stage(StoreFixtures.uniqueBody("imported"));
        try {
            delivery.deliver(account.id(), imported, null, "legacy-uidl-1", Instant.now().minus(400, ChronoUnit.DAYS));
        } finally {
            fixtures.release(imported);
        }

        assertEquals(37, stats.pending(), "5 + 8 × 4 committed deliveries, nothing else");
        assertEquals(37, stats.flush());
        assertEquals(0, stats.pending());
        assertEquals(before + 37, flushedTotal());
        assertEquals(0, stats.flush(), "a flush with nothing pending writes nothing");
    }

    @Test
    void twoReplicasCountsAddUp() {
        long before = flushedTotal();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        DeliveryCounter first = new DeliveryCounter();
        DeliveryCounter second = new DeliveryCounter();
        first.add(hour, 120);
        second.add(hour.plusSeconds(5), 80);
        second.add(hour.minus(1, ChronoUnit.HOURS), 3);
        long currentHourBefore = countAt(hour);
        assertEquals(120, stats.flush(first));
        assertEquals(83, stats.flush(second));
        assertEquals(currentHourBefore + 200, countAt(hour));
        assertEquals(before + 203, flushedTotal());
        assertEquals(0, first.pendingTotal());
        assertEquals(0, second.pendingTotal());
    }

    private long countAt(Instant hour) {
        return stats.last24Hours().stream().filter(c -> c.hour().equals(hour)).mapToLong(DeliveryCount::count).sum();
    }
}
