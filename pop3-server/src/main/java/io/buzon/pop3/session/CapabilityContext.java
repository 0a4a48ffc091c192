package io.buzon.pop3.session;

import io.buzon.pop3.backend.RetentionHint;

import java.util.List;

/**
 * What CAPA depends on: the phase, whether plaintext logins are allowed here, TLS, the SASL mechanisms
 * usable now, and the retention values (the bound over all users before login, the account's after).
 */
public record CapabilityContext(SessionState.Phase phase, boolean secure, boolean plaintextAuthAllowed,
                                List<String> saslMechanisms, RetentionHint retention, String implementation) {

    public boolean beforeLogin() {
        return phase == SessionState.Phase.AUTHORIZATION;
    }
}
