package io.buzon.store.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One message found by an importer: where its octets are, the POP3 UIDL it must keep, and when it was
 * received. {@code origin} names it in the report (file name, mbox offset).
 */
public record MessageSource(Path file, String uidl, Instant receivedAt, String origin) {

    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    /** RFC 1939: 1 to 70 characters in 0x21..0x7E. */
    public static boolean validUidl(String uidl) {
        if (uidl == null || uidl.isEmpty() || uidl.length() > 70) {
            return false;
        }
        return uidl.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
