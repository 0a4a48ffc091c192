package io.buzon.store.password;

import java.util.Locale;

/**
 * The password hash formats Buzón can verify. Only {@link #ARGON2ID} is ever written; the others
 * arrive through migration imports and are replaced on the next successful login.
 */
public enum HashScheme {
    ARGON2ID,
    BCRYPT,
    SHA512_CRYPT,
    UNKNOWN;

    /** Recognises a stored hash, with or without a Dovecot-style {@code {SCHEME}} prefix. */
    public static HashScheme of(String storedHash) {
        if (storedHash == null) {
            return UNKNOWN;
        }
        String hash = stripDovecotPrefix(storedHash);
        if (hash.startsWith("$argon2id$")) {
            return ARGON2ID;
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return BCRYPT;
        }
        if (hash.startsWith("$6$")) {
            return SHA512_CRYPT;
        }
        return UNKNOWN;
    }

    /**
     * Removes a Dovecot scheme prefix such as {@code {SHA512-CRYPT}}, {@code {BLF-CRYPT}},
     * {@code {ARGON2ID}} or {@code {CRYPT}}. The prefix only names the scheme; the hash after it is
     * self-describing, so a prefix that disagrees with the hash is rejected rather than trusted.
     */
    public static String stripDovecotPrefix(String storedHash) {
        if (!storedHash.startsWith("{")) {
            return storedHash;
        }
        int end = storedHash.indexOf('}');
        if (end < 0) {
            return storedHash;
        }
        String prefix = storedHash.substring(1, end).toUpperCase(Locale.ROOT);
        String hash = storedHash.substring(end + 1);
        boolean consistent = switch (prefix) {
            case "SHA512-CRYPT" -> hash.startsWith("$6$");
            case "BLF-CRYPT" -> hash.startsWith("$2");
            case "ARGON2ID" -> hash.startsWith("$argon2id$");
            case "CRYPT" -> hash.startsWith("$6$") || hash.startsWith("$2");
            default -> false;
        };
        return consistent ? hash : storedHash;
    }
}
