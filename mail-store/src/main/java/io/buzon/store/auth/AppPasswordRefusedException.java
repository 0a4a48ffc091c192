package io.buzon.store.auth;

/**
 * An app password that cannot be created (bad name, name taken, too many); {@link #reason()} is a
 * stable code ({@code APP_PASSWORD_NAME}, {@code APP_PASSWORD_EXISTS}, {@code APP_PASSWORD_LIMIT}).
 */
public class AppPasswordRefusedException extends IllegalArgumentException {

    private final String reason;

    public AppPasswordRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
