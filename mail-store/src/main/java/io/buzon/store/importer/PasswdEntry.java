package io.buzon.store.importer;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a Dovecot passwd-file: {@code user:password:uid:gid:gecos:home:shell:extra_fields}.
 * {@code scheme} is the part in braces of the password ({@code BLF-CRYPT}, {@code SHA512-CRYPT},
 * {@code ARGON2ID}, ...), or {@code CRYPT} when there is none (Dovecot's default for passwd-files).
 */
public record PasswdEntry(int lineNumber, String user, String scheme, String hash, String home,
                          Map<String, String> extraFields) {

    /** The login as Buzón stores it: local part as given, domain lower-cased. */
    public String login() {
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at) + "@" + user.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public Optional<String> domain() {
        int at = user.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(user.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    public String localPart() {
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    /**
     * The hash in the standard modular-crypt form Buzón verifies ({@code $2y$...}, {@code $6$...},
     * {@code $argon2id$...}), or empty when the scheme is one Buzón does not accept.
     */
    public Optional<String> importableHash() {
        String h = hash;
        return switch (scheme) {
            case "BLF-CRYPT", "BCRYPT" -> h.startsWith("$2") ? Optional.of(h) : Optional.empty();
            case "SHA512-CRYPT" -> h.startsWith("$6$") ? Optional.of(h) : Optional.empty();
            case "ARGON2ID" -> h.startsWith("$argon2id$") ? Optional.of(h) : Optional.empty();
            case "CRYPT" -> h.startsWith("$2") || h.startsWith("$6$") || h.startsWith("$argon2id$")
                    ? Optional.of(h) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
