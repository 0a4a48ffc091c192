package io.buzon.store.embedded;

/**
 * The embedded PostgreSQL cannot start on its data directory: another running Buzón uses it, or a server
 * left there by an earlier run would not stop. The message says what to do; no stack trace is needed.
 */
public class DataDirectoryInUseException extends IllegalStateException {

    public DataDirectoryInUseException(String message) {
        super(message);
    }
}
