package io.buzon.store.delivery;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.job.ClusterJobs;
import io.buzon.store.config.StoreConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;


/**
 * Periodically removes staging a crashed deliverer left behind (see
 * {@link DeliveryService#sweepAbandonedStaging()}). Running it on every replica at once is safe: each
 * statement deletes what it finds and returns what it deleted.
 */
@ApplicationScoped
@StoreOperation
class StagingSweeper {

    private static final Logger LOG = Logger.getLogger(StagingSweeper.class);

    @Inject
    DeliveryService delivery;

    @Inject
    StoreConfig config;

    @Inject
    ClusterJobs jobs;

    void start(@Observes StartupEvent event) {
        jobs.every("staging-sweep", config.staging().sweepInterval(), ClusterJobs.Scope.CLUSTER, this::sweep);
    }


    private void sweep() {
        int removed = delivery.sweepAbandonedStaging();
        if (removed > 0) {
            LOG.infof("removed %d abandoned staging holds or unfinished bodies", removed);
        }
    }
}
