package io.buzon.pop3.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Encodes the body of a multi-line response chunk by chunk (RFC 1939 section 3): a line that starts with
 * "." gets another "." in front, and the response ends in CRLF "." CRLF, with a CRLF added first when
 * the content does not end in one. State is kept across chunks, so a line split between two chunks is
 * stuffed exactly as if it had come in one.
 */
public final class DotStuffer {

    private boolean atLineStart = true;
    private byte last = '\n';
    private boolean empty = true;

    public void encode(byte[] chunk, int offset, int length, ByteArrayOutputStream out) {
        int runStart = offset;
        int limit = offset + length;
        for (int i = offset; i < limit; i++) {
            byte b = chunk[i];
            if (atLineStart && b == '.') {
                out.write(chunk, runStart, i - runStart);
                out.write('.');
                runStart = i;
            }
            atLineStart = b == '\n';
        }
        out.write(chunk, runStart, limit - runStart);
        if (length > 0) {
            last = chunk[limit - 1];
            empty = false;
        }
    }

    /** Writes the terminator, completing a last line that lacks its line end. */
    public void finish(ByteArrayOutputStream out) {
        if (!empty && last != '\n') {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
    }
}
