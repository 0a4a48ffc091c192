package io.buzon.store.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        Duration interval = config.failureSweep().interval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "buzon-auth-failure-sweeper");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    int sweep() {
        try {
            int removed = lockout.forgetExpired(config.failureSweep().keep());
            if (removed > 0) {
                LOG.debugf("removed %d expired failed-login counters", removed);
            }
            return removed;
        } catch (RuntimeException e) {
            // the next run retries; counters only cost space meanwhile
            LOG.warnf("failed-login counter sweep failed: %s", e.toString());
            return 0;
        }
    }
}
