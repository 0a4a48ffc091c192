package io.buzon.store.jdbc;

import io.buzon.store.StorageFailureException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store's one JDBC idiom: work runs on a connection from the pool and a {@link SQLException} becomes
 * the store's one failure type, {@link StorageFailureException} (which POP3 answers with
 * {@code [SYS/TEMP]}, LMTP with 451 and the console with its "try again" page). Inside a JTA transaction
 * the pool hands out the transaction's connection, so JDBC and Hibernate work in one
 * {@code @Transactional} method commit or roll back together.
 */
public final class Sql {

    /** JDBC work that may throw {@link SQLException} and returns a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** JDBC work that may throw {@link SQLException} and returns nothing. */
    @FunctionalInterface
    public interface Statements {
        void run(Connection connection) throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code work} on a pooled connection; {@code what} names the operation in error messages. */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw StoreFailures.translate(what, e);
        }
    }

    /** {@link #run} for work without a result. */
    public static void execute(DataSource dataSource, String what, Statements work) {
        run(dataSource, what, c -> {
            work.run(c);
            return null;
        });
    }

    /** True when {@code e} (or a cause) is PostgreSQL's unique_violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        return StoreFailures.sqlState(e).filter("23505"::equals).isPresent();
    }
}
