package io.buzon.store;

/** The database failed or was unreachable; the operation changed nothing and may be retried. */
public class StorageFailureException extends StoreException {

    public StorageFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
