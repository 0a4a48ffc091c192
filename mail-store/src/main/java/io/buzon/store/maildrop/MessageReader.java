package io.buzon.store.maildrop;

import io.buzon.store.content.ContentChunks;

import java.io.InputStream;

/**
 * Reads one message as POP3 sends it: the per-recipient header prefix, then the shared content, one stored
 * chunk per {@link #nextChunk()} call (each chunk is one short query; only one chunk is in memory).
 * Blocking: call from a worker thread, write the chunk, wait for the socket to drain, then ask for the
 * next one. Not thread-safe; one reader per retrieval.
 */
public final class MessageReader {

    private final ContentChunks chunks;
    private final long messageId;
    private final long contentId;
    private final long contentSize;
    private byte[] prefix;
    /** Chunk 0, fetched with the message row; null once consumed or if it was not there. */
    private byte[] firstChunk;
    private int nextSeq;
    private long contentRead;

    MessageReader(ContentChunks chunks, long messageId, byte[] prefix, long contentId, long contentSize,
                  byte[] firstChunk) {
        this.chunks = chunks;
        this.firstChunk = firstChunk;
        this.messageId = messageId;
        this.prefix = prefix.length == 0 ? null : prefix;
        this.contentId = contentId;
        this.contentSize = contentSize;
    }

    /** Total octets this reader yields. */
    public long size() {
        return (prefix == null ? 0 : prefix.length) + contentSize - contentRead;
    }

    /**
     * The next piece of the message, or {@code null} at the end. Never larger than the configured chunk
     * size (or the header prefix).
     *
     * @throws MessageGoneException if the message's content was deleted while reading
     */
    public byte[] nextChunk() {
        if (prefix != null) {
            byte[] p = prefix;
            prefix = null;
            return p;
        }
        if (contentRead >= contentSize) {
            return null;
        }
        byte[] chunk = nextSeq == 0 && firstChunk != null ? firstChunk : chunks.read(contentId, nextSeq);
        firstChunk = null;
        if (chunk == null) {
            throw new MessageGoneException("content of message " + messageId + " was deleted during retrieval");
        }
        nextSeq++;
        contentRead += chunk.length;
        return chunk;
    }

    /**
     * The next piece when it is already in memory (the header prefix, or the first chunk that came with the
     * message row), else {@code null}: never touches the database, so a caller on an event loop can take it
     * without a worker hop. {@code null} does not mean the end: see {@link #finished()}.
     */
    public byte[] nextChunkIfLoaded() {
        if (prefix != null || (nextSeq == 0 && firstChunk != null && contentRead < contentSize)) {
            return nextChunk();
        }
        return null;
    }

    /** True when every octet was handed out; known without a query. */
    public boolean finished() {
        return prefix == null && contentRead >= contentSize;
    }

    /** The rest of the message as a stream (the console's message view, tests); reads chunk by chunk as consumed. */
    public InputStream asInputStream() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return current[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() {
                while (pos >= current.length) {
                    byte[] next = nextChunk();
                    if (next == null) {
                        return false;
                    }
                    current = next;
                    pos = 0;
                }
                return true;
            }
        };
    }
}
