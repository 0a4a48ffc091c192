package io.buzon.store.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Dovecot's {@code dovecot-uidlist} (versions 1 and 3). Version 3 header:
 * {@code 3 V<uidvalidity> N<nextuid> G<guid>}; records: {@code <uid> [<key><value> ...] :<filename>}
 * where key {@code P} is a stored POP3 UIDL. Records are keyed by the file's base name (the part before
 * the {@code :2,} info, which changes with flags).
 */
public final class DovecotUidList {

    /** What Dovecot knows of one message file. */
    public record Entry(long uid, String pop3Uidl) {
    }

    private final long uidValidity;
    private final Map<String, Entry> byBaseName;

    private DovecotUidList(long uidValidity, Map<String, Entry> byBaseName) {
        this.uidValidity = uidValidity;
        this.byBaseName = byBaseName;
    }

    public static DovecotUidList empty() {
        return new DovecotUidList(0, Map.of());
    }

    public static DovecotUidList read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                return empty();
            }
            String[] h = header.strip().split("\\s+");
            long validity = 0;
            if (h[0].equals("1") && h.length >= 2) {
                validity = Long.parseLong(h[1]);
            } else {
                for (int i = 1; i < h.length; i++) {
                    if (h[i].startsWith("V")) {
                        validity = Long.parseLong(h[i].substring(1));
                    }
                }
            }
            boolean v1 = h[0].equals("1");
            Map<String, Entry> entries = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                parseRecord(line, v1).ifPresent(r -> entries.put(baseName(r.fileName), r.entry));
            }
            return new DovecotUidList(validity, entries);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable dovecot-uidlist " + file + ": " + e.getMessage(), e);
        }
    }

    private record Record(String fileName, Entry entry) {
    }

    private static Optional<Record> parseRecord(String line, boolean v1) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        long uid;
        try {
            uid = Long.parseLong(line.substring(0, space));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String rest = line.substring(space + 1);
        if (v1) {
            return Optional.of(new Record(rest.strip(), new Entry(uid, null)));
        }
        // Extension fields come before " :filename"; a P value is a single token (no spaces).
        int colon = rest.startsWith(":") ? 0 : rest.indexOf(" :");
        if (colon < 0) {
            return Optional.empty();
        }
        String fields = rest.substring(0, colon);
        String fileName = rest.substring(colon == 0 ? 1 : colon + 2);
        String pop3 = null;
        for (String field : fields.split("\\s+")) {
            if (field.length() > 1 && field.charAt(0) == 'P') {
                pop3 = field.substring(1);
            }
        }
        return Optional.of(new Record(fileName, new Entry(uid, pop3)));
    }

    /** A maildir file's stable name: everything before the {@code :2,} flags suffix. */
    public static String baseName(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    public Optional<Entry> find(String fileName) {
        return Optional.ofNullable(byBaseName.get(baseName(fileName)));
    }

    public long uidValidity() {
        return uidValidity;
    }

    /**
     * The UIDL Dovecot's POP3 server showed for this entry: the stored P value, or the default
     * {@code pop3_uidl_format = %08Xu%08Xv}: uid and uidvalidity as eight hex digits each. Dovecot's
     * {@code X} modifier prints with {@code %llx}, so the digits are lower-case.
     */
    public String pop3Uidl(Entry entry) {
        if (entry.pop3Uidl() != null && !entry.pop3Uidl().isEmpty()) {
            return entry.pop3Uidl();
        }
        return String.format("%08x%08x", entry.uid(), uidValidity);
    }
}
