package io.buzon.store.password;

import io.buzon.store.ValidationException;

import java.util.List;

/** The password policy refused a password; nothing was changed. Carries the policy's reasons. */
public class PasswordRefusedException extends ValidationException {

    private final transient List<PolicyViolation> violations;

    public PasswordRefusedException(List<PolicyViolation> violations) {
        super("password refused by policy: " + violations);
        this.violations = List.copyOf(violations);
        withReason("PASSWORD_POLICY");
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
