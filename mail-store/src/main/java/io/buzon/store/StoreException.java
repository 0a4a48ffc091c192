package io.buzon.store;

/**
 * Base of every exception the store throws. Callers that only need "the store could not do it"
 * (for example POP3 answering {@code -ERR [SYS/TEMP]}) catch this one type.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
