package io.buzon.pop3.protocol;

/**
 * Lets through what TOP sends (RFC 1939 section 7): the header, the blank line that ends it, and then at
 * most {@code n} body lines. Fed chunk by chunk; {@link #done()} tells the caller to stop reading the
 * message. {@code TOP msg 0} gives the header and the blank line only.
 */
public final class TopLimiter {

    private final long bodyLines;
    private boolean inHeader = true;
    private boolean currentLineEmpty = true;
    private long bodyLinesSent;
    private boolean done;

    public TopLimiter(long bodyLines) {
        this.bodyLines = bodyLines;
        this.done = false;
    }

    /** How many octets of this chunk, from its start, belong to the response. */
    public int accept(byte[] chunk, int offset, int length) {
        if (done) {
            return 0;
        }
        if (!inHeader && bodyLines == 0) {
            done = true;
            return 0;
        }
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (b == '\n') {
                if (inHeader) {
                    if (currentLineEmpty) {
                        inHeader = false;
                        if (bodyLines == 0) {
                            done = true;
                            return i - offset + 1;
                        }
                    }
                } else {
                    bodyLinesSent++;
                    if (bodyLinesSent >= bodyLines) {
                        done = true;
                        return i - offset + 1;
                    }
                }
                currentLineEmpty = true;
            } else {
                if (b != '\r') {
                    currentLineEmpty = false;
                }
            }
        }
        return length;
    }

    public boolean done() {
        return done;
    }

}
