package io.buzon.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.buzon.store.health.DatabaseProbe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ready only while PostgreSQL answers a trivial query in time: a replica that cannot reach the database
 * must leave the Service's endpoints rather than accept POP3 logins it cannot serve. The store's probe
 * blocks, so it runs on the worker pool, never on the event loop that answers the probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private final DatabaseProbe database;
    private final Duration timeout;
    /** A hung connection attempt must not pin one more worker thread at every probe period. */
    private final AtomicBoolean probing = new AtomicBoolean();

    DatabaseReadinessCheck(DatabaseProbe database, OpsConfig config) {
        this.database = database;
        this.timeout = config.health().databaseTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!probing.compareAndSet(false, true)) {
            return Uni.createFrom().item(down("previous query still waiting for the database"));
        }
        return Uni.createFrom().item(this::probeOnce)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout)
                .recoverWithItem(() -> down("no answer within " + timeout.toMillis() + " ms"));
    }

    private HealthCheckResponse probeOnce() {
        try {
            return probe();
        } finally {
            probing.set(false);
        }
    }

    private HealthCheckResponse probe() {
        DatabaseProbe.Result result = database.probe(timeout);
        return result.up()
                ? HealthCheckResponse.named(NAME).up().withData("elapsedMillis", result.elapsedMillis()).build()
                : down(result.error());
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
    }
}
