package io.buzon.store;

/** The named domain, account or message does not exist. */
public class NotFoundException extends StoreException {

    public NotFoundException(String message) {
        super(message);
    }
}
