package io.buzon.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads CRLF-terminated lines and dot-terminated multi-line bodies from a socket with its own buffer,
 * strictly: a bare LF, a missing terminator or an over-long status line is a protocol error. Bodies are
 * un-stuffed and only counted, never kept, so the client stays cheap next to the server it measures.
 */
final class WireReader {

    private static final int MAX_STATUS_LINE = 8192;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    WireReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    /** One line without its CRLF. */
    String readLine() throws IOException {
        int start = pos;
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    if (i == start || buf[i - 1] != '\r') {
                        throw new ProtocolException("line ends with a bare LF");
                    }
                    String line = new String(buf, start, i - 1 - start, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            if (limit - start >= MAX_STATUS_LINE) {
                throw new ProtocolException("line longer than " + MAX_STATUS_LINE + " octets");
            }
            // keep the partial line and read more behind it
            int kept = limit - start;
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, kept);
                pos = 0;
                limit = kept;
                start = 0;
            }
            scanned = limit;
            if (limit == buf.length) {
                throw new ProtocolException("line longer than the client buffer (" + buf.length + ")");
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                throw new EOFException("connection closed by the server in the middle of a line");
            }
            limit += n;
        }
    }

    /**
     * Reads a multi-line body up to and including the terminating {@code CRLF.CRLF}, removing the
     * byte-stuffed dots, and returns the number of octets of the un-stuffed content including each CRLF.
     */
    long readMultiline() throws IOException {
        long octets = 0;
        while (true) {
            if (!ensure(1)) {
                throw new EOFException("connection closed before the multi-line terminator");
            }
            if (buf[pos] == '.') {
                if (!ensure(2)) {
                    throw new EOFException("connection closed before the multi-line terminator");
                }
                if (buf[pos + 1] == '\r') {
                    if (!ensure(3)) {
                        throw new EOFException("connection closed before the multi-line terminator");
                    }
                    if (buf[pos + 2] == '\n') {
                        pos += 3;
                        return octets;
                    }
                }
                pos++; // a stuffed dot
            }
            int prev = -1;
            while (true) {
                if (pos == limit && !fill()) {
                    throw new EOFException("connection closed before the multi-line terminator");
                }
                int i = pos;
                int end = limit;
                byte[] b = buf;
                while (i < end && b[i] != '\n') {
                    i++;
                }
                if (i < end) {
                    int before = i > pos ? b[i - 1] : prev;
                    if (before != '\r') {
                        throw new ProtocolException("bare LF inside a multi-line body after " + octets + " octets");
                    }
                    octets += i + 1 - pos;
                    pos = i + 1;
                    break;
                }
                octets += end - pos;
                prev = b[end - 1];
                pos = end;
            }
        }
    }

    /** Collects the lines of a short multi-line answer (LIST, UIDL, CAPA), un-stuffed. */
    java.util.List<String> readMultilineLines() throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.equals(".")) {
                return lines;
            }
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
    }

    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        int kept = limit - pos;
        System.arraycopy(buf, pos, buf, 0, kept);
        pos = 0;
        limit = kept;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    private boolean fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
            return false;
        }
        pos = 0;
        limit = r;
        return true;
    }

    /** The server broke the wire format. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }
}
