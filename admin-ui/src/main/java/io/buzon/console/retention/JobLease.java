package io.buzon.console.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;

/**
 * A cluster-wide "only one replica does this" lease: one conditional upsert on {@code console_job_lease}
 * succeeds for exactly one caller while the previous lease is unexpired. Times use the database clock, so
 * replicas with skewed clocks still agree.
 */
@ApplicationScoped
public class JobLease {

    @Inject
    EntityManager em;

    /** True when {@code holder} now holds {@code name} for {@code ttl} (nobody else did). */
    @Transactional
    public boolean tryAcquire(String name, String holder, Duration ttl) {
        int rows = em.createNativeQuery("insert into console_job_lease (name, holder, expires_at)"
                        + " values (?1, ?2, now() + make_interval(secs => ?3))"
                        + " on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at"
                        + " where console_job_lease.expires_at < now()")
                .setParameter(1, name)
                .setParameter(2, holder)
                .setParameter(3, (double) ttl.toSeconds())
                .executeUpdate();
        return rows == 1;
    }

    /** Gives a lease back early (a manual run that finished); only its holder can. */
    @Transactional
    public void release(String name, String holder) {
        em.createNativeQuery("delete from console_job_lease where name = ?1 and holder = ?2")
                .setParameter(1, name)
                .setParameter(2, holder)
                .executeUpdate();
    }
}
