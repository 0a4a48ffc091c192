package io.buzon.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds test messages of an exact size in CRLF form. Some body lines begin with a dot so that
 * byte-stuffing is exercised on the wire in both directions.
 */
final class Messages {

    private static final String WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua buzon pop3 mail benchmark";

    private Messages() {
    }

    /** A message of exactly {@code size} octets (CRLF line ends), with the given tag in its headers. */
    static byte[] message(int size, String tag) {
        String headers = "From: bench@bench.test\r\n"
                + "To: user@bench.test\r\n"
                + "Subject: benchmark message " + tag + "\r\n"
                + "Message-ID: <" + tag + "@bench.test>\r\n"
                + "Date: Sun, 29 Nov 2026 08:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n";
        byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
        if (size < head.length + 2) {
            throw new IllegalArgumentException("message size " + size + " is below the header size " + (head.length + 2));
        }
        byte[] msg = new byte[size];
        System.arraycopy(head, 0, msg, 0, head.length);
        int p = head.length;
        int line = 0;
        int w = 0;
        while (p < size) {
            int room = size - p;
            int len = Math.min(room, 78);
            // a line: content (len-2) then CRLF; the last line takes whatever is left
            int content = len - 2;
            int start = p;
            for (int i = 0; i < content; i++) {
                msg[p++] = (byte) WORDS.charAt(w++ % WORDS.length());
            }
            if (content > 0 && line % 7 == 3) {
                msg[start] = '.';
            }
            if (room - len == 1) {
                // never leave a single octet behind: widen this line by one
                msg[p++] = 'x';
            }
            msg[p++] = '\r';
            msg[p++] = '\n';
            line++;
        }
        return msg;
    }

    /** Dot-stuffs a CRLF message for DATA (RFC 5321 4.5.2). */
    static byte[] stuff(byte[] msg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(msg.length + msg.length / 50);
        boolean lineStart = true;
        for (byte b : msg) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }
}
