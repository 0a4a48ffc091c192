package io.buzon.store.importer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an mbox file into messages, one at a time, spooling each to a temporary file so a large mailbox
 * is never held in memory. A message starts at a {@code From } line at the start of the file or after an
 * empty line; {@code >From } quoting is undone the mboxrd way (one {@code >} removed from any
 * {@code >+From } line, which also covers mboxo). The mailbox-format headers Dovecot hides from clients
 * ({@code Status}, {@code X-UID}, ...) are dropped. UIDL: the {@code X-UIDL} header, else Dovecot's default
 * from {@code X-UID} and the {@code X-IMAPbase} uidvalidity, else one derived from the content.
 */
public final class MboxReader {

    /** Receives each message; the file is deleted once the call returns. */
    @FunctionalInterface
    public interface MessageHandler {
        void accept(MessageSource message) throws IOException;
    }

    private static final Set<String> HIDDEN = Set.of("content-length", "status", "x-imap", "x-imapbase",
            "x-keywords", "x-status", "x-uid");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d H:mm:ss yyyy", Locale.ROOT);

    private final Path spoolDir;
    private long uidValidity;
    private int index;

    private MboxReader(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    /** Reads every message of {@code mbox} in order; returns how many were found. */
    public static int read(Path mbox, Path spoolDir, MessageHandler handler) throws IOException {
        MboxReader reader = new MboxReader(spoolDir);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(mbox), 64 * 1024)) {
            return reader.split(in, mbox.getFileName().toString(), handler);
        }
    }

    private int split(InputStream in, String name, MessageHandler handler) throws IOException {
        byte[] line = readLine(in);
        // Text before the first From_ line is not a message in mbox; a lone .eml without one is.
        Spool current = null;
        boolean previousBlank = true;
        boolean pendingBlank = false;
        while (line != null) {
            boolean separator = previousBlank && startsWith(line, "From ");
            if (separator) {
                if (current != null) {
                    finish(current, handler);
                }
                current = new Spool(name + "#" + (++index), fromLineTime(line));
                pendingBlank = false;
            } else {
                if (current == null) {
                    current = new Spool(name + "#" + (++index), null);
                }
                if (pendingBlank) {
                    current.write(new byte[] {'\n'});
                    pendingBlank = false;
                }
                if (isBlank(line)) {
                    pendingBlank = true; // held back: the blank line before a From_ belongs to the separator
                } else {
                    current.write(unquote(line));
                }
            }
            previousBlank = isBlank(line);
            line = readLine(in);
        }
        if (current != null) {
            if (pendingBlank && current.inHeaders) {
                current.write(new byte[] {'\n'});
            }
            finish(current, handler);
        }
        return index;
    }

    private void finish(Spool spool, MessageHandler handler) throws IOException {
        spool.close();
        try {
            if (spool.size > 0) {
                handler.accept(new MessageSource(spool.file, spool.uidl(), spool.received(), spool.origin));
            }
        } finally {
            Files.deleteIfExists(spool.file);
        }
    }

    /** One message being written to disk, with what its headers say about its UIDL. */
    private final class Spool {
        final String origin;
        final Instant fromLine;
        final Path file;
        final OutputStream out;
        final MessageDigest sha;
        boolean inHeaders = true;
        boolean hiding;
        String xUidl;
        Long xUid;
        long size;

        Spool(String origin, Instant fromLine) throws IOException {
            this.origin = origin;
            this.fromLine = fromLine;
            this.file = Files.createTempFile(spoolDir, "mbox", ".eml");
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), sha);
        }

        void write(byte[] line) throws IOException {
            if (inHeaders) {
                if (isBlank(line)) {
                    inHeaders = false;
                } else if (line[0] == ' ' || line[0] == '\t') {
                    if (hiding) {
                        return;
                    }
                } else {
                    String text = new String(line, StandardCharsets.ISO_8859_1);
                    int colon = text.indexOf(':');
                    String field = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = colon < 0 ? "" : text.substring(colon + 1).trim();
                    hiding = HIDDEN.contains(field);
                    header(field, value);
                    if (hiding) {
                        return;
                    }
                }
            }
            out.write(line);
            size += line.length;
        }

        private void header(String field, String value) {
            switch (field) {
                case "x-uidl" -> xUidl = value;
                case "x-uid" -> xUid = parseLong(value);
                case "x-imapbase", "x-imap" -> {
                    Long v = parseLong(value.split("\\s+")[0]);
                    if (v != null) {
                        uidValidity = v;
                    }
                }
                default -> {
                }
            }
        }

        void close() throws IOException {
            out.close();
        }

        String uidl() {
            if (MessageSource.validUidl(xUidl)) {
                return xUidl;
            }
            if (xUid != null && uidValidity != 0) {
                return String.format("%08x%08x", xUid, uidValidity);
            }
            return "mb" + HexFormat.of().formatHex(sha.digest(), 0, 20);
        }

        Instant received() throws IOException {
            return fromLine != null ? fromLine : Files.getLastModifiedTime(file).toInstant();
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "From sender@example.org Sat Nov 28 12:00:00 2026" -> that time, read as UTC (mbox has no zone). */
    static Instant fromLineTime(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1).trim().replaceAll("\\s+", " ");
        String[] parts = text.split(" ");
        if (parts.length >= 7) {
            String date = String.join(" ", parts[parts.length - 5], parts[parts.length - 4], parts[parts.length - 3],
                    parts[parts.length - 2], parts[parts.length - 1]);
            try {
                return LocalDateTime.parse(date, ASCTIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // unusual From_ line: no time from it
            }
        }
        return null;
    }

    static byte[] unquote(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        if (i > 0 && startsWith(line, i, "From ")) {
            byte[] out = new byte[line.length - 1];
            System.arraycopy(line, 1, out, 0, out.length);
            return out;
        }
        return line;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        return startsWith(line, 0, prefix);
    }

    private static boolean startsWith(byte[] line, int offset, String prefix) {
        if (line.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 1 && line[0] == '\n' || line.length == 2 && line[0] == '\r' && line[1] == '\n';
    }

    /** One line including its LF (a last line without one is returned as is); null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
