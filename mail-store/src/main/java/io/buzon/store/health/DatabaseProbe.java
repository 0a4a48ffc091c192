package io.buzon.store.health;

import io.buzon.store.StoreException;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * One round trip to PostgreSQL, bounded by a timeout, for readiness: a replica that cannot reach the
 * database must leave the Service's endpoints rather than accept logins it cannot serve. Blocks; call it
 * from a worker thread.
 */
@ApplicationScoped
public class DatabaseProbe {

    /** What the probe saw: the database answered in {@code elapsedMillis}, or the error. */
    public record Result(boolean up, long elapsedMillis, String error) {
    }

    private final DataSource dataSource;

    @Inject
    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code select 1}, letting the server cancel it after {@code timeout} (rounded up to a second). */
    public Result probe(Duration timeout) {
        long start = System.nanoTime();
        try {
            boolean answered = Sql.run(dataSource, "probe the database", c -> {
                try (Statement statement = c.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
                    try (ResultSet result = statement.executeQuery("select 1")) {
                        return result.next() && result.getInt(1) == 1;
                    }
                }
            });
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            return answered ? new Result(true, elapsed, null) : new Result(false, elapsed, "select 1 returned no row");
        } catch (StoreException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result(false, (System.nanoTime() - start) / 1_000_000,
                    cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
