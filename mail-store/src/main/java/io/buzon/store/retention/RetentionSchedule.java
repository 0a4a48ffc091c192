package io.buzon.store.retention;

import io.buzon.store.Actor;
import io.buzon.store.job.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * The daily retention purge. Every replica's scheduler fires at the configured time
 * ({@code buzon.console.retention-schedule}, Quartz cron, server time; {@code off} disables it); the first to
 * take the cluster-wide job lease runs the purge and keeps the lease for 20 hours, so the others (and a
 * replica whose clock is a little off) skip that day.
 */
@ApplicationScoped
public class RetentionSchedule {

    static final String JOB = "retention-daily";
    static final Duration HOLD = Duration.ofHours(20);
    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    @Inject
    ClusterJobs jobs;

    @Inject
    RetentionService retention;

    @Scheduled(identity = JOB, cron = "${buzon.console.retention-schedule:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        runIfLeader();
    }

    /** Runs the purge when this replica wins the day's lease; empty when another replica has it. */
    public Optional<RetentionReport> runIfLeader() {
        if (!jobs.tryLead(JOB, HOLD)) {
            LOG.debugf("Daily retention run skipped: another replica holds the lease");
            return Optional.empty();
        }
        RetentionReport report = retention.purge(Actor.system("scheduler"));
        LOG.infof("Daily retention run %d: %d messages, %d bytes deleted, %d accounts skipped (in use)",
                report.runId(), report.messages(), report.bytes(), report.skipped().size());
        return Optional.of(report);
    }
}
