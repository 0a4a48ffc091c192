package io.buzon.store.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the INBOX of a Dovecot Maildir ({@code cur/} and {@code new/}) in POP3 order (by Dovecot uid),
 * with the UIDL Dovecot's POP3 server showed for each message. Sub-folders ({@code .Sent} and so on) are
 * not served by POP3 and are reported, not imported.
 */
public final class MaildirReader {

    /** The INBOX messages, and folders left out with the reason. */
    public record Listing(List<MessageSource> messages, List<String> skippedFolders) {
    }

    private MaildirReader() {
    }

    public static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
    }

    public static Listing read(Path maildir) throws IOException {
        DovecotUidList uidList = DovecotUidList.read(maildir.resolve("dovecot-uidlist"));
        record Found(Path file, Optional<DovecotUidList.Entry> entry, Instant received) {
        }
        List<Found> found = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path dir = maildir.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue; // editor or tool leftovers, never Maildir messages
                    }
                    found.add(new Found(f, uidList.find(name), receivedTime(f, name)));
                }
            }
        }
        // Known messages first in uid order (POP3 numbering), then unseen new/ mail by delivery time.
        found.sort(Comparator.<Found>comparingLong(x -> x.entry().map(DovecotUidList.Entry::uid).orElse(Long.MAX_VALUE))
                .thenComparing(Found::received).thenComparing(x -> x.file().getFileName().toString()));
        List<MessageSource> messages = new ArrayList<>();
        for (Found f : found) {
            String name = f.file().getFileName().toString();
            String uidl = f.entry().map(uidList::pop3Uidl).orElseGet(() -> generatedUidl(name));
            messages.add(new MessageSource(f.file(), uidl, f.received(),
                    maildir.relativize(f.file()).toString()));
        }
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> entries = Files.list(maildir)) {
            entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.equals(".") && !n.equals(".."))
                    .sorted()
                    .forEach(skipped::add);
        }
        return new Listing(messages, skipped);
    }

    /** Maildir names start with the delivery time in seconds ("1700000000.M1P2.host"); else the file time. */
    private static Instant receivedTime(Path file, String name) throws IOException {
        int dot = name.indexOf('.');
        if (dot > 0) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(name.substring(0, dot)));
            } catch (NumberFormatException ignored) {
                // not a standard name: fall through
            }
        }
        return Files.getLastModifiedTime(file).toInstant();
    }

    /**
     * A message Dovecot never listed was never seen by a POP3 client, so any UIDL works; it must only be
     * stable so that a second import recognises it. Derived from the stable part of the file name.
     */
    static String generatedUidl(String fileName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(DovecotUidList.baseName(fileName).getBytes(StandardCharsets.UTF_8));
            return "md" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
