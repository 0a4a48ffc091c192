package io.buzon.store.password;

/**
 * Policy values that contradict each other or are out of range; {@link #reason()} is a stable code
 * (e.g. {@code POLICY_LENGTH_RANGE}) a user interface can put in the reader's language.
 */
public class PolicyConsistencyException extends IllegalArgumentException {

    private final String reason;

    public PolicyConsistencyException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
