package io.buzon.pop3.sasl;

import io.buzon.pop3.backend.AuthResult;

/**
 * The last turn of an exchange whose outcome the server sent as a challenge (SCRAM's server-final
 * message): the client must answer with an empty response (RFC 5034 section 4).
 */
public final class FinalAcknowledgement implements SaslExchange {

    private final AuthResult result;

    public FinalAcknowledgement(AuthResult result) {
        this.result = result;
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        return new SaslStep.Failed("Unexpected SASL state");
    }

    @Override
    public SaslStep respond(byte[] response) {
        return response.length == 0 ? new SaslStep.Authenticated(result)
                : new SaslStep.Failed("Expected an empty response");
    }
}
