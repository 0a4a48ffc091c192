package io.buzon.store.auth;

import io.buzon.store.PeriodicTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Removes failed-login counters that no longer lock anything. Without it, every name a password sprayer
 * tries (unknown names are counted too, so lockout does not reveal which accounts exist) would stay in
 * {@code auth_failure} for ever. Safe on every replica at once: one idempotent delete.
 */
@ApplicationScoped
class FailureSweeper {

    private static final Logger LOG = Logger.getLogger(FailureSweeper.class);

    @Inject
    LockoutTracker lockout;

    @Inject
    AuthConfig config;

    private Optional<PeriodicTask> task = Optional.empty();

    void start(@Observes StartupEvent event) {
        task = PeriodicTask.every(config.failureSweep().interval(), "buzon-auth-failure-sweeper", this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        task.ifPresent(PeriodicTask::close);
    }

    int sweep() {
        int removed = lockout.forgetExpired(config.failureSweep().keep());
        if (removed > 0) {
            LOG.debugf("removed %d expired failed-login counters", removed);
        }
        return removed;
    }
}
