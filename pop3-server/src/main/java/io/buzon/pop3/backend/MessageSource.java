package io.buzon.pop3.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The octets of one message as RETR sends them before byte-stuffing, in pieces. A piece that is already in
 * memory is handed out without blocking, so the writer can send it from the event loop; only a piece that
 * needs the store costs a worker hop. A message of one stored chunk (most mail) therefore costs one hop:
 * the one that opened it.
 *
 * <p>Not thread-safe: one retrieval at a time, and the writer never calls two methods at once.
 */
public interface MessageSource {

    /** The next piece if it is in memory, else {@code null} (which does not mean the end). Never blocks. */
    byte[] nextIfLoaded();

    /** The next piece, reading the store when needed (call on a worker thread); {@code null} at the end. */
    byte[] next();

    /** True when it is known without I/O that no octets remain. */
    boolean finished();

    /** A source over a stream, read in pieces of {@code pieceOctets} on workers (tests, imports). */
    static MessageSource of(InputStream in, int pieceOctets) {
        return new MessageSource() {
            private boolean ended;

            @Override
            public byte[] nextIfLoaded() {
                return null;
            }

            @Override
            public byte[] next() {
                if (ended) {
                    return null;
                }
                try {
                    byte[] piece = in.readNBytes(pieceOctets);
                    if (piece.length < pieceOctets) {
                        ended = true;
                    }
                    return piece.length == 0 ? null : piece;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean finished() {
                return ended;
            }
        };
    }

    /** A source whose whole content is in memory: sent without any hop. */
    static MessageSource of(byte[] content) {
        return new MessageSource() {
            private boolean taken;

            @Override
            public byte[] nextIfLoaded() {
                return next();
            }

            @Override
            public byte[] next() {
                if (taken) {
                    return null;
                }
                taken = true;
                return content;
            }

            @Override
            public boolean finished() {
                return taken || content.length == 0;
            }
        };
    }
}
