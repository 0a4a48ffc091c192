package io.buzon.store.auth;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.job.ClusterJobs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;


/**
 * Removes failed-login counters that no longer lock anything. Without it, every name a password sprayer
 * tries (unknown names are counted too, so lockout does not reveal which accounts exist) would stay in
 * {@code auth_failure} for ever. Safe on every replica at once: one idempotent delete.
 */
@ApplicationScoped
@StoreOperation
class FailureSweeper {

    private static final Logger LOG = Logger.getLogger(FailureSweeper.class);

    @Inject
    LoginThrottle throttle;

    @Inject
    AuthConfig config;

    @Inject
    ClusterJobs jobs;

    void start(@Observes StartupEvent event) {
        jobs.every("failed-login-sweep", config.failureSweep().interval(), ClusterJobs.Scope.CLUSTER, this::sweep);
    }


    int sweep() {
        int removed = throttle.forgetExpired(config.failureSweep().keep(), config.usualAddressMemory());
        if (removed > 0) {
            LOG.debugf("removed %d expired failed-login counters", removed);
        }
        return removed;
    }
}
