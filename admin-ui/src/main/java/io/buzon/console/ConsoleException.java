package io.buzon.console;

/**
 * A refusal a person can act on (bad input, not allowed, not found), carrying a message-bundle key.
 * Pages show it next to the form; the API returns it as JSON with {@link #status()}.
 */
public class ConsoleException extends RuntimeException {

    private final String messageKey;
    private final int status;
    private final transient Object[] args;
    private String detail;
    private String reason;

    public ConsoleException(String messageKey, Object... args) {
        this(400, messageKey, args);
    }

    public ConsoleException(int status, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    /** A refusal explained by the store (its text is English and already says what is wrong). */
    public static ConsoleException fromStore(io.buzon.store.StoreException e) {
        int status = e instanceof io.buzon.store.NotFoundException ? 404
                : e instanceof io.buzon.store.ConflictException ? 409 : 400;
        ConsoleException c = new ConsoleException(status, "error_store");
        c.detail = e.getMessage();
        c.reason = e.reason();
        return c;
    }

    /**
     * {@code reason} when the {@code reason} bundle can say it in the reader's language, else null (the
     * general key and the store's English message are shown then).
     */
    public static String shownReason(String reason) {
        return reason != null && io.buzon.console.web.MessageText.hasReason(reason) ? reason : null;
    }

    /** The store's reason code, or null. */
    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public String messageKey() {
        return messageKey;
    }

    public int status() {
        return status;
    }

    public Object[] args() {
        return args;
    }
}
