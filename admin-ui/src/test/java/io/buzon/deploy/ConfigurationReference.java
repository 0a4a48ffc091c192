package io.buzon.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys documented in docs/CONFIGURATION.md: every table row of the form
 * {@code | `key` | `default` | `ENV_VAR` | meaning |}.
 */
public record ConfigurationReference(Map<String, Entry> byKey, Set<String> otherEnvVars) {

    public record Entry(String key, String defaultValue, String envVar) {
    }

    private static final Pattern OTHER_ROW = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|");

    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`([a-z0-9][a-z0-9.\\-\"*]*)`\\s*\\|\\s*(?:`([^`]*)`|([^|]*?))\\s*\\|\\s*`([A-Z0-9_]+)`\\s*\\|");

    public static ConfigurationReference load() {
        return parse(Repository.resolve("docs/CONFIGURATION.md"));
    }

    static ConfigurationReference parse(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> others = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher other = OTHER_ROW.matcher(line.trim());
                if (other.find()) {
                    others.add(other.group(1));
                }
                Matcher m = ROW.matcher(line.trim());
                if (m.find()) {
                    String def = m.group(2) != null ? m.group(2) : m.group(3).trim();
                    if (def.equals("empty")) {
                        def = "";
                    }
                    entries.put(m.group(1), new Entry(m.group(1), def, m.group(4)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigurationReference(entries, others);
    }

    /** MicroProfile Config's environment variable form: non-alphanumerics become '_', upper case. */
    public static String envVarOf(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public Entry byEnvVar(String envVar) {
        return byKey.values().stream().filter(e -> e.envVar().equals(envVar)).findFirst().orElse(null);
    }

    public String defaultOf(String key) {
        Entry entry = byKey.get(key);
        if (entry == null) {
            throw new AssertionError("docs/CONFIGURATION.md does not document " + key);
        }
        return entry.defaultValue();
    }
}
