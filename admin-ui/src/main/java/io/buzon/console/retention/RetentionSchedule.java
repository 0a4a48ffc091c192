package io.buzon.console.retention;

import io.buzon.store.retention.RetentionReport;
import io.buzon.store.retention.RetentionService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * The daily retention purge. Every replica's scheduler fires at the configured time; the first to take
 * the cluster-wide lease runs the purge and keeps the lease for 20 hours, so the others (and a replica
 * whose clock is a little off) skip that day. {@code buzon.console.retention-schedule=off} disables it.
 */
@ApplicationScoped
public class RetentionSchedule {

    static final String LEASE = "retention-daily";
    static final Duration HOLD = Duration.ofHours(20);
    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final String replica = "replica-" + UUID.randomUUID();

    @Inject
    JobLease lease;

    @Inject
    RetentionService retention;

    @Scheduled(identity = "retention-daily", cron = "${buzon.console.retention-schedule:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        runIfLeader();
    }

    /** Runs the purge when this replica wins the day's lease; empty when another replica has it. */
    public java.util.Optional<RetentionReport> runIfLeader() {
        if (!lease.tryAcquire(LEASE, replica, HOLD)) {
            LOG.debugf("Daily retention run skipped: another replica holds the lease");
            return java.util.Optional.empty();
        }
        RetentionReport report = retention.purge("scheduler");
        LOG.infof("Daily retention run %d: %d messages, %d bytes deleted, %d accounts skipped (in use)",
                report.runId(), report.messages(), report.bytes(), report.skipped().size());
        return java.util.Optional.of(report);
    }

    String replica() {
        return replica;
    }
}
