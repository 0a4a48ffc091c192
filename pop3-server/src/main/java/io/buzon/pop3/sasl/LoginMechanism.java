package io.buzon.pop3.sasl;

import java.nio.charset.StandardCharsets;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): the server asks "Username:" then "Password:". An
 * initial response, when given, is the user name.
 */
public final class LoginMechanism implements SaslMechanism {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public boolean plaintext() {
        return true;
    }

    @Override
    public SaslExchange newExchange() {
        return new SaslExchange() {
            private String login;

            @Override
            public SaslStep start(byte[] initialResponse) {
                return initialResponse == null || initialResponse.length == 0
                        ? new SaslStep.Challenge(USERNAME) : respond(initialResponse);
            }

            @Override
            public SaslStep respond(byte[] response) {
                String text = new String(response, StandardCharsets.UTF_8);
                if (login == null) {
                    if (text.isEmpty()) {
                        return new SaslStep.Failed("LOGIN needs a user name");
                    }
                    login = text;
                    return new SaslStep.Challenge(PASSWORD);
                }
                if (text.isEmpty()) {
                    return new SaslStep.Failed("LOGIN needs a password");
                }
                return new SaslStep.VerifyPassword(login, text);
            }
        };
    }
}
