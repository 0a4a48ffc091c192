package io.buzon.pop3.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Message sources for tests and microbenchmarks, where no store is involved. */
public final class TestMessageSources {

    private TestMessageSources() {
    }

    /** A source over a stream, read in pieces of {@code pieceOctets} on workers (a blocking hop for every piece). */
    public static MessageSource of(InputStream in, int pieceOctets) {
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
    public static MessageSource of(byte[] content) {
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
