package io.buzon.console;

/**
 * A refusal a person can act on (bad input, not allowed, not found), carrying a message-bundle key.
 * Pages show it next to the form; the API returns it as JSON with {@link #status()}.
 */
public class ConsoleException extends RuntimeException {

    private final String messageKey;
    private final int status;
    private final transient Object[] args;

    public ConsoleException(String messageKey, Object... args) {
        this(400, messageKey, args);
    }

    public ConsoleException(int status, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
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
