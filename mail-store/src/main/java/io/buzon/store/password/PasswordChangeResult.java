package io.buzon.store.password;

import java.util.List;

/** Outcome of {@link PasswordService#setPassword}: accepted, or the reasons it was refused (nothing changed). */
public record PasswordChangeResult(boolean accepted, List<PolicyViolation> violations) {

    public PasswordChangeResult {
        violations = List.copyOf(violations);
        if (accepted != violations.isEmpty()) {
            throw new IllegalArgumentException("accepted iff no violations");
        }
    }

    static PasswordChangeResult ok() {
        return new PasswordChangeResult(true, List.of());
    }

    static PasswordChangeResult refused(List<PolicyViolation> violations) {
        return new PasswordChangeResult(false, violations);
    }
}
