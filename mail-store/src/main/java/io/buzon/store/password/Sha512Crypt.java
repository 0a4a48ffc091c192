package io.buzon.store.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SHA512-CRYPT ({@code $6$}), as specified by Ulrich Drepper's "Unix crypt using SHA-256 and
 * SHA-512" (the scheme glibc, Dovecot and most Linux systems use). Buzón only verifies these hashes
 * for imported accounts; it never creates new ones.
 */
public final class Sha512Crypt {

    static final int DEFAULT_ROUNDS = 5000;
    static final int MIN_ROUNDS = 1000;
    static final int MAX_ROUNDS = 999_999_999;
    private static final String ROUNDS_PREFIX = "rounds=";
    private static final String B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Sha512Crypt() {
    }

    /** True when {@code password} produces {@code storedHash}; the final comparison is constant-time. */
    public static boolean matches(CharSequence password, String storedHash) {
        Parsed parsed = parse(storedHash);
        if (parsed == null) {
            return false;
        }
        String computed = crypt(password.toString().getBytes(StandardCharsets.UTF_8), parsed.salt, parsed.rounds,
                parsed.roundsExplicit);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Computes the full {@code $6$...} string. {@code rounds} null means the default 5000 (and no
     * {@code rounds=} field in the output, as glibc does).
     */
    public static String crypt(byte[] key, String salt, Integer rounds) {
        int effective = rounds == null ? DEFAULT_ROUNDS : Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, rounds));
        return crypt(key, salt.length() > 16 ? salt.substring(0, 16) : salt, effective, rounds != null);
    }

    private record Parsed(String salt, int rounds, boolean roundsExplicit) {
    }

    private static Parsed parse(String hash) {
        if (hash == null || !hash.startsWith("$6$")) {
            return null;
        }
        String rest = hash.substring(3);
        int rounds = DEFAULT_ROUNDS;
        boolean explicit = false;
        if (rest.startsWith(ROUNDS_PREFIX)) {
            int end = rest.indexOf('$');
            if (end < 0) {
                return null;
            }
            try {
                long requested = Long.parseLong(rest.substring(ROUNDS_PREFIX.length(), end));
                rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, requested));
            } catch (NumberFormatException e) {
                return null;
            }
            explicit = true;
            rest = rest.substring(end + 1);
        }
        int end = rest.indexOf('$');
        if (end < 0) {
            return null;
        }
        String salt = rest.substring(0, Math.min(end, 16));
        return new Parsed(salt, rounds, explicit);
    }

    private static String crypt(byte[] key, String saltText, int rounds, boolean roundsExplicit) {
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        MessageDigest a = sha512();
        a.update(key);
        a.update(salt);

        MessageDigest b = sha512();
        b.update(key);
        b.update(salt);
        b.update(key);
        byte[] bResult = b.digest();

        int keyLen = key.length;
        for (int i = keyLen; i > 0; i -= 64) {
            a.update(bResult, 0, Math.min(i, 64));
        }
        for (int i = keyLen; i > 0; i >>= 1) {
            if ((i & 1) != 0) {
                a.update(bResult);
            } else {
                a.update(key);
            }
        }
        byte[] aResult = a.digest();

        MessageDigest dp = sha512();
        for (int i = 0; i < keyLen; i++) {
            dp.update(key);
        }
        byte[] dpResult = dp.digest();
        byte[] p = new byte[keyLen];
        for (int i = 0; i < keyLen; i += 64) {
            System.arraycopy(dpResult, 0, p, i, Math.min(64, keyLen - i));
        }

        MessageDigest ds = sha512();
        for (int i = 0; i < 16 + (aResult[0] & 0xff); i++) {
            ds.update(salt);
        }
        byte[] dsResult = ds.digest();
        byte[] s = new byte[salt.length];
        for (int i = 0; i < salt.length; i += 64) {
            System.arraycopy(dsResult, 0, s, i, Math.min(64, salt.length - i));
        }

        byte[] c = aResult;
        MessageDigest round = sha512();
        for (int i = 0; i < rounds; i++) {
            if ((i & 1) != 0) {
                round.update(p);
            } else {
                round.update(c);
            }
            if (i % 3 != 0) {
                round.update(s);
            }
            if (i % 7 != 0) {
                round.update(p);
            }
            if ((i & 1) != 0) {
                round.update(c);
            } else {
                round.update(p);
            }
            c = round.digest();
        }
        Arrays.fill(p, (byte) 0);

        StringBuilder out = new StringBuilder("$6$");
        if (roundsExplicit) {
            out.append(ROUNDS_PREFIX).append(rounds).append('$');
        }
        out.append(saltText).append('$');
        int[][] groups = {
                {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
                {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
                {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
        for (int[] g : groups) {
            b64(out, c[g[0]], c[g[1]], c[g[2]], 4);
        }
        b64(out, (byte) 0, (byte) 0, c[63], 2);
        return out.toString();
    }

    private static void b64(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(B64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java runtime", e);
        }
    }
}
