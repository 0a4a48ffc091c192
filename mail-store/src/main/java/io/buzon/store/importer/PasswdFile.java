package io.buzon.store.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Dovecot passwd-file (https://doc.dovecot.org/configuration_manual/authentication/passwd_file/).
 * Comments and blank lines are ignored; malformed lines are reported, not fatal.
 */
public final class PasswdFile {

    /** A line that could not be read, with the reason. */
    public record Problem(int lineNumber, String reason) {
    }

    public record Contents(List<PasswdEntry> entries, List<Problem> problems) {
    }

    private PasswdFile() {
    }

    public static Contents read(Path file) throws IOException {
        List<PasswdEntry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    entries.add(parse(number, line));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(number, e.getMessage()));
                }
            }
        }
        return new Contents(entries, problems);
    }

    static PasswdEntry parse(int number, String line) {
        // The password may itself contain ':' only in schemes we do not import; split on the first 7.
        String[] f = line.split(":", 8);
        String user = f[0].strip();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        if (user.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("user name contains spaces or control characters");
        }
        String password = f.length > 1 ? f[1] : "";
        String scheme = "CRYPT";
        String hash = password;
        if (password.startsWith("{")) {
            int close = password.indexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException("password scheme without closing brace");
            }
            scheme = password.substring(1, close).toUpperCase(Locale.ROOT);
            hash = password.substring(close + 1);
            // Dovecot allows an encoding suffix such as {SHA512-CRYPT.b64}; crypt strings never use one.
            int dot = scheme.indexOf('.');
            if (dot > 0) {
                scheme = scheme.substring(0, dot);
            }
        }
        String home = f.length > 5 ? f[5] : "";
        Map<String, String> extra = new LinkedHashMap<>();
        if (f.length > 7 && !f[7].isBlank()) {
            for (String field : f[7].strip().split("\\s+")) {
                int eq = field.indexOf('=');
                extra.put(eq < 0 ? field : field.substring(0, eq), eq < 0 ? "" : field.substring(eq + 1));
            }
        }
        return new PasswdEntry(number, user, scheme, hash, home, extra);
    }
}
