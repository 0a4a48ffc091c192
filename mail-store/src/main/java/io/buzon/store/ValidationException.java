package io.buzon.store;

/** Input was rejected; the message says why in words a person can act on. Nothing was changed. */
public class ValidationException extends StoreException {

    public ValidationException(String message) {
        super(message);
    }
}
