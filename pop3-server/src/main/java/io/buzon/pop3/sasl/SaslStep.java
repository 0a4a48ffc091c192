package io.buzon.pop3.sasl;

/** What a SASL exchange asks the session to do next. */
public sealed interface SaslStep {

    /** Send {@code "+ " base64(data)} and pass the client's next line back to the exchange. */
    record Challenge(byte[] data) implements SaslStep {
    }

    /** Check this login and password with the backend (PLAIN, LOGIN). */
    record VerifyPassword(String login, String password) implements SaslStep {
    }

    /** Fetch the SCRAM keys of this login and hand them to {@link ScramSha256Exchange#withCredentials}. */
    record FetchScramCredentials(String login) implements SaslStep {
    }

    /**
     * The SCRAM proof has been checked. On success the session sends {@code serverFinal} as a last
     * challenge and waits for the client's empty response (RFC 5034 section 4).
     */
    record ScramChecked(String login, boolean proofValid, byte[] serverFinal) implements SaslStep {
    }

    /** The exchange is complete and the account checked: log in. */
    record Authenticated(io.buzon.pop3.backend.AuthResult result) implements SaslStep {
    }

    /** The client's data was malformed or used something unsupported. */
    record Failed(String reason) implements SaslStep {
    }
}
