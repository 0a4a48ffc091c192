package io.buzon.lmtp;

/**
 * Streaming decoder for a DATA body (RFC 5321 section 4.5.2): removes the leading dot of dot-stuffed
 * lines and recognises the terminating {@code CRLF.CRLF}. It keeps its state between calls, so the
 * terminator and stuffed dots are found whatever the packet boundaries. A bare LF also ends a line
 * (clients that send LF-only are common; the store normalises the line ends to CRLF).
 *
 * <p>Bytes after the terminator belong to the next pipelined command; {@link #decode} reports where
 * the body ended so the caller can hand them back to the command parser.
 */
final class DotUnstuffer {

    private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR, DONE }

    private State state = State.LINE_START;

    /** Result of one call: decoded bytes, how many input bytes were used, whether the body ended. */
    record Chunk(byte[] data, int length, int consumed, boolean finished) {
    }

    boolean finished() {
        return state == State.DONE;
    }

    /** Decodes {@code in[off, off+len)}; stops right after the terminator if it is inside. */
    Chunk decode(byte[] in, int off, int len) {
        if (state == State.DONE) {
            throw new IllegalStateException("body already finished");
        }
        // Output never exceeds input by more than the one CR held back in DOT_CR.
        byte[] out = new byte[len + 1];
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end && state != State.DONE) {
            if (state == State.IN_LINE || state == State.CR) {
                // Inside a line nothing is decoded: copy through to the next LF in one piece.
                int stop = io.buzon.store.content.ByteScan.nextLf(in, i, end);
                boolean lineEnded = stop < end;
                if (lineEnded) {
                    stop++;
                }
                System.arraycopy(in, i, out, n, stop - i);
                n += stop - i;
                state = lineEnded ? State.LINE_START : next(in[stop - 1]);
                i = stop;
                continue;
            }
            byte b = in[i++];
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        out[n++] = b;
                        state = next(b);
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else if (b == '\n') {
                        state = State.DONE;
                    } else {
                        // A stuffed line: the dot is dropped, the rest is content.
                        out[n++] = b;
                        state = next(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        state = State.DONE;
                    } else {
                        // "." CR followed by something else: not a terminator, keep the CR.
                        out[n++] = '\r';
                        out[n++] = b;
                        state = b == '\r' ? State.CR : next(b);
                    }
                }
                case IN_LINE, CR -> {
                    out[n++] = b;
                    state = next(b);
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return new Chunk(out, n, i - off, state == State.DONE);
    }

    private static State next(byte b) {
        if (b == '\n') {
            return State.LINE_START;
        }
        return b == '\r' ? State.CR : State.IN_LINE;
    }
}
