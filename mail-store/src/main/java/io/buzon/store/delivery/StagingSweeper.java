package io.buzon.store.delivery;

import io.buzon.store.config.StoreConfig;
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
 * Periodically removes staging a crashed deliverer left behind (see
 * {@link DeliveryService#sweepAbandonedStaging()}). One daemon thread, never an event loop. Running it on
 * every replica at once is safe: each statement deletes what it finds and returns what it deleted.
 */
@ApplicationScoped
class StagingSweeper {

    private static final Logger LOG = Logger.getLogger(StagingSweeper.class);

    @Inject
    DeliveryService delivery;

    @Inject
    StoreConfig config;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        Duration interval = config.staging().sweepInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "buzon-staging-sweeper");
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

    private void sweep() {
        try {
            int removed = delivery.sweepAbandonedStaging();
            if (removed > 0) {
                LOG.infof("removed %d abandoned staging holds or unfinished bodies", removed);
            }
        } catch (RuntimeException e) {
            // the next run retries; a failed sweep loses nothing
            LOG.warnf("staging sweep failed: %s", e.toString());
        }
    }
}
