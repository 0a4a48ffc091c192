package io.buzon.store.job;

import io.buzon.store.jdbc.Sql;
import io.buzon.store.jdbc.StoreOperation;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

/**
 * "Only one replica does this": every replica's scheduler fires a cluster-wide job, and the one that takes
 * the job's lease runs it. One conditional upsert on {@code console_job_lease} succeeds for exactly one
 * caller while the previous lease is unexpired; times use the database clock, so replicas with skewed
 * clocks still agree. A replica that dies holding a lease only delays the job until the lease expires.
 */
@ApplicationScoped
@StoreOperation
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    private final String replica = "replica-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;

    @Inject
    Scheduler scheduler;

    /** Whether a periodic job runs on one replica per interval or on each replica. */
    public enum Scope { CLUSTER, INSTANCE }

    /**
     * Runs {@code work} every {@code interval} on the Quarkus scheduler (never on an event loop; a run that
     * is still going when the next is due is skipped). {@link Scope#CLUSTER} jobs run on the one replica
     * that takes the job's lease for that interval. A zero or negative interval switches the job off, as
     * the settings document ({@code 0s} = never). A failed run is logged and tried again next interval.
     */
    public void every(String job, Duration interval, Scope scope, Runnable work) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.debugf("periodic job %s is off", job);
            return;
        }
        // held a little less than the interval, so the next tick on any replica can take it again
        Duration hold = interval.minus(interval.dividedBy(10));
        scheduler.newJob(job)
                .setInterval(Math.max(1, interval.toMillis() / 1000) + "s")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> {
                    try {
                        if (scope == Scope.INSTANCE || tryLead(job, hold)) {
                            work.run();
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("%s failed, retrying in %s: %s", job, interval, e.toString());
                    }
                })
                .schedule();
    }

    /** This replica's name as a lease holder. */
    public String replica() {
        return replica;
    }

    /**
     * True when this replica now holds {@code job} for {@code hold} (nobody else did): it runs the job, and
     * no other replica will until the hold ends.
     */
    public boolean tryLead(String job, Duration hold) {
        return tryAcquire(job, replica, hold);
    }

    /** {@link #tryLead} for a named holder (a manual run, a test acting as another replica). */
    public boolean tryAcquire(String job, String holder, Duration hold) {
        return Sql.run(dataSource, "take job lease " + job, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into console_job_lease (name, holder, expires_at)"
                    + " values (?, ?, now() + make_interval(secs => ?))"
                    + " on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at"
                    + " where console_job_lease.expires_at < now()")) {
                ps.setString(1, job);
                ps.setString(2, holder);
                ps.setDouble(3, hold.toMillis() / 1000.0);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives a lease back early (a manual run that finished); only its holder can. */
    public void release(String job, String holder) {
        Sql.execute(dataSource, "release job lease " + job, c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from console_job_lease where name = ? and holder = ?")) {
                ps.setString(1, job);
                ps.setString(2, holder);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Claims a one-time action (the demo seed) for the whole installation: true exactly once, ever, for the
     * first caller on any replica.
     */
    public boolean claimOnce(String action) {
        return Sql.run(dataSource, "claim one-time action " + action, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into console_once (name) values (?) on conflict do nothing")) {
                ps.setString(1, action);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
