package io.buzon.console.mailbox;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads From and Subject from the start of a message (at most {@link #LIMIT} octets, stopping at the blank
 * line), unfolding continuation lines and decoding RFC 2047 words. Never reads the body.
 */
final class HeaderSummary {

    static final int LIMIT = 32 * 1024;

    final String from;
    final String subject;

    private HeaderSummary(String from, String subject) {
        this.from = from;
        this.subject = subject;
    }

    static HeaderSummary read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int prev3 = -1, prev2 = -1, prev1 = -1, b;
        while (header.size() < LIMIT && (b = in.read()) != -1) {
            header.write(b);
            if (prev3 == '\r' && prev2 == '\n' && prev1 == '\r' && b == '\n') {
                break;
            }
            prev3 = prev2;
            prev2 = prev1;
            prev1 = b;
        }
        String text = header.toString(StandardCharsets.ISO_8859_1).replaceAll("\r\n[ \t]+", " ");
        String from = null;
        String subject = null;
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (from == null && name.equals("from")) {
                from = decode(value);
            } else if (subject == null && name.equals("subject")) {
                subject = decode(value);
            }
        }
        return new HeaderSummary(from == null ? "" : from, subject == null ? "" : subject);
    }

    private static String decode(String raw) {
        String utf8 = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        try {
            return MimeUtility.decodeText(utf8);
        } catch (IOException | RuntimeException e) {
            return utf8;
        }
    }
}
