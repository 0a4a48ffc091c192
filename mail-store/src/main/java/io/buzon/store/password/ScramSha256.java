package io.buzon.store.password;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;

/**
 * The SCRAM-SHA-256 key derivation and proof arithmetic of RFC 5802 section 3, pure and stateless,
 * so the POP3 server, the store and tests share one definition.
 */
public final class ScramSha256 {

    public static final String MECHANISM = "SCRAM-SHA-256";
    /** RFC 7677 asks for at least 4096 iterations. */
    public static final int MIN_ITERATIONS = 4096;

    private ScramSha256() {
    }

    /** Derives the stored credentials for {@code password}. */
    public static ScramCredentials derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] serverKey = hmac(salted, "Server Key");
        return new ScramCredentials(salt, iterations, sha256(clientKey), serverKey);
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i), Hi being PBKDF2 with HMAC-SHA-256. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] key = saslPrep(password).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads keys with zeros, so an empty key equals a one-zero-byte key (SecretKeySpec refuses empty).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[]{0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    /** ClientProof := ClientKey XOR HMAC(StoredKey, AuthMessage), as a client computes it. */
    public static byte[] clientProof(String password, byte[] salt, int iterations, String authMessage) {
        byte[] clientKey = hmac(saltedPassword(password, salt, iterations), "Client Key");
        byte[] signature = hmac(sha256(clientKey), authMessage);
        return xor(clientKey, signature);
    }

    /** ServerSignature := HMAC(ServerKey, AuthMessage), sent in the server-final-message ({@code v=}). */
    public static byte[] serverSignature(ScramCredentials credentials, String authMessage) {
        return hmac(credentials.serverKey(), authMessage);
    }

    /** Server side: recovers ClientKey from the proof and checks H(ClientKey) = StoredKey in constant time. */
    public static boolean verifyClientProof(ScramCredentials credentials, String authMessage, byte[] clientProof) {
        byte[] storedKey = credentials.storedKey();
        if (clientProof == null || clientProof.length != storedKey.length) {
            return false;
        }
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] clientKey = xor(clientProof, clientSignature);
        return MessageDigest.isEqual(sha256(clientKey), storedKey);
    }

    /**
     * The SASLprep (RFC 4013) mapping: non-ASCII spaces become U+0020, "commonly mapped to nothing"
     * characters are removed, then NFKC. Prohibited-output checks are left to the caller that accepts
     * new passwords (policy), since a stored credential must reproduce what clients compute.
     */
    public static String saslPrep(String value) {
        StringBuilder mapped = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
