package io.buzon.pop3.sasl;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding. The password never crosses the wire and
 * the server keeps only derived keys, so this mechanism is offered without TLS too.
 */
public final class ScramSha256Mechanism implements SaslMechanism {

    /** Iterations announced for a login without keys, the same as for a real account (RFC 7677 minimum). */
    static final int DECOY_ITERATIONS = 4096;

    private final SecureRandom random = new SecureRandom();
    private final byte[] decoySecret = new byte[32];

    public ScramSha256Mechanism() {
        random.nextBytes(decoySecret);
    }

    @Override
    public String name() {
        return "SCRAM-SHA-256";
    }

    @Override
    public boolean plaintext() {
        return false;
    }

    @Override
    public ScramSha256Exchange newExchange() {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        return new ScramSha256Exchange(java.util.Base64.getEncoder().encodeToString(nonce), this::decoySalt);
    }

    /**
     * A salt for a login that has no keys: stable per login (a repeated probe sees the same salt, as it
     * would for a real account) and unpredictable without the server's secret.
     */
    private byte[] decoySalt(String login) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(decoySecret, "HmacSHA256"));
            byte[] full = mac.doFinal(login.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
