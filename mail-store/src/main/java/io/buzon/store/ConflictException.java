package io.buzon.store;

/** The change would break a uniqueness rule (an existing domain, login or UIDL). */
public class ConflictException extends StoreException {

    public ConflictException(String message) {
        super(message);
    }
}
