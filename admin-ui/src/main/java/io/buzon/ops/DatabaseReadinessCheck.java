package io.buzon.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ready only while PostgreSQL answers a trivial query in time: a replica that cannot reach the database
 * must leave the Service's endpoints rather than accept POP3 logins it cannot serve. JDBC blocks, so the
 * query runs on the worker pool, never on the event loop that answers the probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private final DataSource dataSource;
    private final Duration timeout;
    /** A hung connection attempt must not pin one more worker thread at every probe period. */
    private final AtomicBoolean probing = new AtomicBoolean();

    DatabaseReadinessCheck(DataSource dataSource, OpsConfig config) {
        this.dataSource = dataSource;
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
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            // Rounded up so a sub-second timeout still bounds the server side of the query.
            statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            try (ResultSet result = statement.executeQuery("select 1")) {
                if (!result.next() || result.getInt(1) != 1) {
                    return down("select 1 returned no row");
                }
            }
            return HealthCheckResponse.named(NAME).up()
                    .withData("elapsedMillis", (System.nanoTime() - start) / 1_000_000)
                    .build();
        } catch (Exception e) {
            return down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
    }
}
