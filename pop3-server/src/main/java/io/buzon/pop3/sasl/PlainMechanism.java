package io.buzon.pop3.sasl;

import java.nio.charset.StandardCharsets;

/** SASL PLAIN (RFC 4616): {@code authzid NUL authcid NUL passwd}. Proxy authorization is not offered. */
public final class PlainMechanism implements SaslMechanism {

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public boolean plaintext() {
        return true;
    }

    @Override
    public SaslExchange newExchange() {
        return new SaslExchange() {
            @Override
            public SaslStep start(byte[] initialResponse) {
                return initialResponse == null ? new SaslStep.Challenge(new byte[0]) : respond(initialResponse);
            }

            @Override
            public SaslStep respond(byte[] response) {
                int first = indexOf(response, 0);
                int second = first < 0 ? -1 : indexOf(response, first + 1);
                if (first < 0 || second < 0 || indexOf(response, second + 1) >= 0) {
                    return new SaslStep.Failed("PLAIN response must be authzid NUL authcid NUL password");
                }
                String authzid = new String(response, 0, first, StandardCharsets.UTF_8);
                String authcid = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
                String password = new String(response, second + 1, response.length - second - 1, StandardCharsets.UTF_8);
                if (authcid.isEmpty() || password.isEmpty()) {
                    return new SaslStep.Failed("PLAIN needs a user name and a password");
                }
                if (!authzid.isEmpty() && !authzid.equals(authcid)) {
                    return new SaslStep.Failed("Acting as another user is not allowed");
                }
                return new SaslStep.VerifyPassword(authcid, password);
            }
        };
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
