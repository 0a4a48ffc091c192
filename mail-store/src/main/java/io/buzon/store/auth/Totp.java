package io.buzon.store.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * RFC 6238 time-based one-time passwords with the parameters every authenticator app supports:
 * HMAC-SHA1, 30-second steps, 6 digits. Pure; replay protection is the caller's job (it remembers the
 * last accepted step).
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    private static final int SECRET_BYTES = 20;

    private Totp() {
    }

    /** A new random 160-bit secret, base32 encoded. */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base32.encode(secret);
    }

    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one time step (RFC 4226 dynamic truncation), zero-padded to 6 digits. */
    public static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base32.decode(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java runtime", e);
        }
    }

    /**
     * The step whose code equals {@code code} within {@code allowedDrift} steps either side of
     * {@code now}, or -1. Every candidate is computed and compared in constant time.
     */
    public static long matchingStep(String base32Secret, String code, Instant now, int allowedDrift) {
        if (code == null) {
            return -1;
        }
        String presented = code.strip().replace(" ", "");
        if (presented.length() != DIGITS) {
            return -1;
        }
        long current = step(now);
        long found = -1;
        for (long s = current - allowedDrift; s <= current + allowedDrift; s++) {
            boolean equal = MessageDigest.isEqual(code(base32Secret, s).getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
            if (equal && found < 0) {
                found = s;
            }
        }
        return found;
    }

    /** The otpauth:// URI authenticator apps scan (as a QR code) to add the account. */
    public static String otpauthUri(String issuer, String login, String base32Secret) {
        String label = urlEncode(issuer) + ":" + urlEncode(login);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + urlEncode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
