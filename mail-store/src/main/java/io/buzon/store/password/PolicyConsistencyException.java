package io.buzon.store.password;

import io.buzon.store.ValidationException;

/**
 * Policy values that contradict each other or are out of range; {@link #reason()} is a stable code
 * (e.g. {@code POLICY_LENGTH_RANGE}) a user interface can put in the reader's language.
 */
public class PolicyConsistencyException extends ValidationException {

    public PolicyConsistencyException(String reason, String message) {
        super(message);
        withReason(reason);
    }
}
