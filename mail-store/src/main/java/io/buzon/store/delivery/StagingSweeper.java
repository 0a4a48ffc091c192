package io.buzon.store.delivery;

import io.buzon.store.PeriodicTask;
import io.buzon.store.config.StoreConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Periodically removes staging a crashed deliverer left behind (see
 * {@link DeliveryService#sweepAbandonedStaging()}). Running it on every replica at once is safe: each
 * statement deletes what it finds and returns what it deleted.
 */
@ApplicationScoped
class StagingSweeper {

    private static final Logger LOG = Logger.getLogger(StagingSweeper.class);

    @Inject
    DeliveryService delivery;

    @Inject
    StoreConfig config;

    private Optional<PeriodicTask> task = Optional.empty();

    void start(@Observes StartupEvent event) {
        task = PeriodicTask.every(config.staging().sweepInterval(), "buzon-staging-sweeper", this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        task.ifPresent(PeriodicTask::close);
    }

    private void sweep() {
        int removed = delivery.sweepAbandonedStaging();
        if (removed > 0) {
            LOG.infof("removed %d abandoned staging holds or unfinished bodies", removed);
        }
    }
}
