package io.buzon.pop3.protocol;

/**
 * Splits the client's byte stream into lines, whatever the bytes' division into reads.
 *
 * <p>Pure and transport-free: the transport {@link #feed feeds} what arrived and takes complete lines
 * with {@link #next()}. A line ends at LF; a CR right before the LF is dropped (RFC 1939 asks for CRLF,
 * a lone LF is accepted as many clients send it). A line longer than the current limit is discarded as
 * it arrives and reported once, at its end, as {@link InputLine#overLong()}, so an endless line cannot
 * grow memory. The limit changes during SASL, whose responses may be longer than a command.
 */
public final class CommandParser {

    /** RFC 2449: a command line, CRLF included, is at most 255 octets. */
    public static final int MAX_COMMAND_OCTETS = 255;

    private byte[] buffer = new byte[512];
    private int start;
    private int end;
    private int scanned;
    private boolean discarding;
    private int maxLineOctets = MAX_COMMAND_OCTETS;

    /** Sets the longest accepted line, counting its CRLF. */
    public void maxLineOctets(int octets) {
        this.maxLineOctets = octets;
    }

    public int maxLineOctets() {
        return maxLineOctets;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public void feed(byte[] data, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(data, offset, buffer, end, length);
        end += length;
    }

    /** The next complete line, or {@code null} until more bytes arrive. */
    public InputLine next() {
        while (scanned < end) {
            if (buffer[scanned] == '\n') {
                int lineEnd = scanned;
                scanned++;
                InputLine line;
                if (discarding) {
                    discarding = false;
                    line = InputLine.overLong();
                } else {
                    int contentEnd = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                    // CRLF counts against the limit whether or not the client sent the CR.
                    if (contentEnd - start + 2 > maxLineOctets) {
                        line = InputLine.overLong();
                    } else {
                        byte[] bytes = new byte[contentEnd - start];
                        System.arraycopy(buffer, start, bytes, 0, bytes.length);
                        line = InputLine.of(bytes);
                    }
                }
                start = scanned;
                compact();
                return line;
            }
            scanned++;
        }
        // No line end yet: bytes of a line already too long are dropped now, not kept until its LF.
        // One octet is kept back, it may be the CR of a CRLF split across reads.
        if (discarding) {
            start = scanned;
            compact();
        } else if (end - start > maxLineOctets) {
            discarding = true;
            start = scanned;
            compact();
        }
        return null;
    }

    /** Octets received and not yet returned as lines. */
    public int buffered() {
        return end - start;
    }

    /**
     * Forgets every byte received so far. After STLS nothing the client sent in clear text before the
     * handshake may be read as a command (RFC 2595 section 4, the STARTTLS injection attack).
     */
    public void discardBuffered() {
        start = 0;
        end = 0;
        scanned = 0;
        discarding = false;
    }

    private void compact() {
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
        }
    }

    private void ensureRoom(int length) {
        if (end + length <= buffer.length) {
            return;
        }
        int live = end - start;
        if (live + length <= buffer.length / 2) {
            System.arraycopy(buffer, start, buffer, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(buffer.length * 2, live + length)];
            System.arraycopy(buffer, start, bigger, 0, live);
            buffer = bigger;
        }
        scanned -= start;
        end = live;
        start = 0;
    }
}
