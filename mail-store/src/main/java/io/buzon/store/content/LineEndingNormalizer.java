package io.buzon.store.content;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Rewrites bare LF and bare CR as CRLF on the way through, keeping existing CRLF pairs, so stored content
 * is exactly what POP3 sends. {@link #finish()} ends non-empty content with CRLF, so RETR can append the
 * terminating dot line directly and the stored size is what RETR sends before byte-stuffing.
 */
public final class LineEndingNormalizer extends OutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final OutputStream out;
    private final byte[] scratch = new byte[16 * 1024];
    private int used;
    private boolean pendingCr;
    private byte last;
    private long written;

    /** Writes normalised bytes to {@code out}; call {@link #finish()} after the last write. */
    public LineEndingNormalizer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        accept((byte) b);
        drain();
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (!pendingCr) {
                // Runs without CR or LF, and CRLF pairs, pass unchanged: hand them on in one piece.
                int run = i;
                while (run < end) {
                    run = ByteScan.nextCrOrLf(bytes, run, end);
                    if (run == end) {
                        break;
                    }
                    byte b = bytes[run];
                    if (b == LF || run + 1 >= end || bytes[run + 1] != LF) {
                        break;
                    }
                    run += 2; // a CRLF pair passes unchanged
                }
                if (run > i) {
                    drain();
                    out.write(bytes, i, run - i);
                    written += run - i;
                    last = bytes[run - 1];
                    i = run;
                    continue;
                }
            }
            accept(bytes[i++]);
            if (used > scratch.length - 4) {
                drain();
            }
        }
        drain();
    }

    /** Completes a pending line end and ends non-empty content with CRLF. Does not close the target. */
    public void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            emit(CR);
            emit(LF);
        } else if (written + used > 0 && last != LF) {
            emit(CR);
            emit(LF);
        }
        drain();
    }

    private void accept(byte b) {
        if (pendingCr) {
            pendingCr = false;
            emit(CR);
            emit(LF);
            if (b == LF) {
                return;
            }
        }
        if (b == CR) {
            pendingCr = true;
        } else if (b == LF) {
            emit(CR);
            emit(LF);
        } else {
            emit(b);
        }
    }

    private void emit(byte b) {
        scratch[used++] = b;
        last = b;
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(scratch, 0, used);
            written += used;
            used = 0;
        }
    }
}
