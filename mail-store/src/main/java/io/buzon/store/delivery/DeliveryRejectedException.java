package io.buzon.store.delivery;

import io.buzon.store.StoreException;

/** Delivery refused for a reason the sender should hear (unknown, disabled, over quota); nothing was stored. */
public class DeliveryRejectedException extends StoreException {

    private final RecipientStatus status;

    public DeliveryRejectedException(RecipientStatus status, String message) {
        super(message);
        this.status = status;
    }

    public RecipientStatus status() {
        return status;
    }
}
