package io.buzon.store;

/**
 * Base of every exception the store throws. Callers that only need "the store could not do it"
 * (for example POP3 answering {@code -ERR [SYS/TEMP]}) catch this one type.
 */
public class StoreException extends RuntimeException {

    private String reason;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Tags this refusal with a stable reason code (e.g. {@code ACCOUNT_EXISTS}) so a user interface can
     * say it in the reader's language; the message stays English, for logs and the API.
     */
    public StoreException withReason(String code) {
        this.reason = code;
        return this;
    }

    /** The stable reason code, or null when the store gave only the English message. */
    public String reason() {
        return reason;
    }
}
