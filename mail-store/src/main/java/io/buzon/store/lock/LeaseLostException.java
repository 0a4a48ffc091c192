package io.buzon.store.lock;

import io.buzon.store.StoreException;

/** The session's maildrop lease expired or was taken over; the operation was not performed. */
public class LeaseLostException extends StoreException {

    public LeaseLostException(String message) {
        super(message);
    }
}
