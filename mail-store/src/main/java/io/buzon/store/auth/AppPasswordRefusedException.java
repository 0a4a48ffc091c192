package io.buzon.store.auth;

import io.buzon.store.ValidationException;

/**
 * An app password that cannot be created (bad name, name taken, too many); {@link #reason()} is a
 * stable code ({@code APP_PASSWORD_NAME}, {@code APP_PASSWORD_EXISTS}, {@code APP_PASSWORD_LIMIT}).
 */
public class AppPasswordRefusedException extends ValidationException {

    public AppPasswordRefusedException(String reason, String message) {
        super(message);
        withReason(reason);
    }
}
