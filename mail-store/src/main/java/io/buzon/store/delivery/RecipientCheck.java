package io.buzon.store.delivery;

/**
 * Outcome of {@link DeliveryService#checkRecipient(String, long)}.
 *
 * @param accountId the account, or 0 when {@link RecipientStatus#UNKNOWN}
 */
public record RecipientCheck(RecipientStatus status, long accountId) {

    /** True when the recipient can take the message. */
    public boolean ok() {
        return status == RecipientStatus.OK;
    }
}
