package io.buzon.store.jdbc;

import io.buzon.store.StorageFailureException;
import io.buzon.store.StoreException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a database failure becomes the store's one failure type. JDBC work gets here through {@link Sql};
 * Hibernate, the connection pool and the transaction manager get here through {@link StoreOperation}, so
 * every caller of the store sees {@link StorageFailureException} for "the database could not do it",
 * whichever API the store used inside.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /** The failure of the operation {@code what}, keeping {@code cause} for the log. */
    public static StorageFailureException translate(String what, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new StorageFailureException(what + " failed: " + detail, cause);
    }

    /**
     * {@code e} as a store exception when it is a database failure (an {@link SQLException} anywhere in its
     * causes, a persistence or transaction-manager exception); empty for anything else, which is a bug and
     * must surface as it is.
     */
    public static Optional<StoreException> asStoreFailure(String what, Throwable e) {
        if (e instanceof StoreException store) {
            return Optional.of(store);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || isPersistenceOrTransaction(t)) {
                return Optional.of(translate(what, t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The SQLSTATE of the first {@link SQLException} among {@code e} and its causes. */
    public static Optional<String> sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isPersistenceOrTransaction(Throwable t) {
        String name = t.getClass().getName();
        return t instanceof jakarta.persistence.PersistenceException
                || t instanceof org.hibernate.HibernateException
                || t instanceof jakarta.transaction.TransactionalException
                || t instanceof jakarta.transaction.RollbackException
                || t instanceof jakarta.transaction.SystemException
                || name.startsWith("io.agroal.");
    }
}
