package io.buzon.store.jdbc;

import io.buzon.store.StorageFailureException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work on a connection from the pool and turns {@link SQLException} into the store's own
 * unchecked exception. Inside a JTA transaction the pool hands out the transaction's connection, so
 * JDBC and Hibernate work in one {@code @Transactional} method commit or roll back together.
 */
public final class Sql {

    /** JDBC work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code work} on a pooled connection; {@code what} names the operation in error messages. */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageFailureException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** True when {@code e} (or a cause) is PostgreSQL's unique_violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
