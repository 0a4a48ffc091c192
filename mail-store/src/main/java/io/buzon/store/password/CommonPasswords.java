package io.buzon.store.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The common/breached password list: one password per line, {@code #} comments, compared after
 * trimming, NFKC and lower-casing. The shipped list is a classpath resource.
 */
public final class CommonPasswords {

    public static final String RESOURCE = "/io/buzon/store/password/common-passwords.txt";

    private final Set<String> entries;

    private CommonPasswords(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    /** The list shipped with Buzón. */
    public static CommonPasswords shipped() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A list from a file (same format), for operators who ship their own. */
    public static CommonPasswords fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read common password list " + file, e);
        }
    }

    static CommonPasswords read(InputStream in) throws IOException {
        Set<String> entries = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            String entry = normalise(line);
            if (!entry.isEmpty() && !line.startsWith("#")) {
                entries.add(entry);
            }
        }
        return new CommonPasswords(entries);
    }

    public boolean contains(CharSequence password) {
        return entries.contains(normalise(password.toString()));
    }

    public int size() {
        return entries.size();
    }

    private static String normalise(String value) {
        return Normalizer.normalize(value.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
