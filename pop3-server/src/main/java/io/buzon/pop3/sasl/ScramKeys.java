package io.buzon.pop3.sasl;

import io.buzon.pop3.backend.ScramCredentials;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** Derives SCRAM-SHA-256 keys from a password (RFC 5802 section 3); used where keys are stored and in tests. */
public final class ScramKeys {

    private ScramKeys() {
    }

    public static ScramCredentials derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramSha256Exchange.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = ScramSha256Exchange.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredentials(salt, iterations, ScramSha256Exchange.sha256(clientKey), serverKey);
    }

    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
