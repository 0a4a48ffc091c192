package io.buzon.store.stats;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.job.ClusterJobs;
import io.buzon.store.jdbc.Sql;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Messages delivered per hour for the dashboard. Deliveries are counted in memory once their transaction
 * has committed ({@link #countAfterCommit}) and added to {@code delivery_stat} every
 * {@code buzon.delivery-stats.flush-interval} and at shutdown, by one upsert per hour that adds, so every
 * replica's counts sum up. A crash loses at most one interval's counts of that instance.
 */
@ApplicationScoped
@StoreOperation
public class DeliveryStats {

    private static final Logger LOG = Logger.getLogger(DeliveryStats.class);

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DeliveryStatsConfig config;

    Clock clock = Clock.systemUTC();

    private final DeliveryCounter counter = new DeliveryCounter();

    @Inject
    ClusterJobs jobs;

    /** Each replica adds its own counts: a job of every instance, not of one per cluster. */
    void start(@Observes StartupEvent event) {
        jobs.every("delivery-stats-flush", config.flushInterval(), ClusterJobs.Scope.INSTANCE, this::flush);
    }

    void stop(@Observes ShutdownEvent event) {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("could not write the last delivery counts (%d messages): %s", counter.pendingTotal(), e.toString());
        }
    }

    /** Counts one delivery when the current transaction commits (at once when there is none). */
    public void countAfterCommit() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.add(clock.instant(), 1);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.add(clock.instant(), 1);
                }
            }
        });
    }

    /** Adds this instance's pending counts to the table; returns the messages written. */
    public long flush() {
        return flush(counter);
    }

    /** Adds {@code from}'s counts to the table (tests: a second counter stands for another replica). */
    public long flush(DeliveryCounter from) {
        Map<Instant, Long> drained = from.drain();
        if (drained.isEmpty()) {
            return 0;
        }
        try {
            return Sql.run(dataSource, "flush delivery stats", c -> {
                long written = 0;
                try (PreparedStatement ps = c.prepareStatement("insert into delivery_stat (bucket, count) values (?, ?)"
                        + " on conflict (bucket) do update set count = delivery_stat.count + excluded.count")) {
                    for (Map.Entry<Instant, Long> e : drained.entrySet()) {
                        ps.setObject(1, e.getKey().atOffset(ZoneOffset.UTC));
                        ps.setLong(2, e.getValue());
                        ps.addBatch();
                        written += e.getValue();
                    }
                    ps.executeBatch();
                }
                return written;
            });
        } catch (RuntimeException e) {
            from.restore(drained);
            throw e;
        }
    }

    /** Counts written so far for the current hour and the 23 before it, oldest first; empty hours absent. */
    public List<DeliveryCount> last24Hours() {
        return Sql.run(dataSource, "read delivery stats", c -> {
            try (PreparedStatement ps = c.prepareStatement("select bucket, count from delivery_stat"
                    + " where bucket >= date_trunc('hour', now()) - interval '23 hours' order by bucket");
                 ResultSet rs = ps.executeQuery()) {
                List<DeliveryCount> counts = new ArrayList<>();
                while (rs.next()) {
                    counts.add(new DeliveryCount(rs.getTimestamp(1).toInstant(), rs.getLong(2)));
                }
                return counts;
            }
        });
    }

    /** Deliveries counted on this instance and not flushed yet. */
    public long pending() {
        return counter.pendingTotal();
    }
}
