package io.buzon.store.content;

import io.buzon.store.jdbc.Sql;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;

/**
 * Collects bytes into fixed-size chunks, hashes them and inserts each full chunk as its own short
 * statement on a pooled connection, so no connection is held while the sender is slow and at most one
 * chunk is in memory.
 *
 * <p>Each insert commits without waiting for its WAL flush ({@code synchronous_commit} off for that
 * statement's own transaction): nothing has been acknowledged for these rows, and the delivery that
 * publishes them later commits synchronously, which flushes the WAL up to its own commit record and so
 * every earlier record, these chunks included. A crash before that loses only an unacknowledged staging,
 * which the staging sweep removes. Use it outside any transaction (as staging does), so each insert is
 * a transaction of its own and the setting cannot reach anyone else's commit.
 */
public final class ChunkUploader extends OutputStream {

    private final DataSource dataSource;
    private final long contentId;
    private final byte[] buffer;
    private final MessageDigest digest;
    private int used;
    private int seq;
    private long size;

    /** Uploads chunks of {@code chunkSize} bytes for the pending content row {@code contentId}. */
    public ChunkUploader(DataSource dataSource, long contentId, int chunkSize) {
        this.dataSource = dataSource;
        this.contentId = contentId;
        this.buffer = new byte[chunkSize];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public void write(int b) {
        buffer[used++] = (byte) b;
        if (used == buffer.length) {
            flushChunk();
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(bytes, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == buffer.length) {
                flushChunk();
            }
        }
    }

    /** Writes the last partial chunk and returns the SHA-256 of everything written. */
    public byte[] complete() {
        if (used > 0) {
            flushChunk();
        }
        return digest.digest();
    }

    /** Bytes uploaded so far. */
    public long size() {
        return size;
    }

    private void flushChunk() {
        digest.update(buffer, 0, used);
        int length = used;
        int chunkSeq = seq;
        Sql.run(dataSource, "store content chunk", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into content_chunk (content_id, seq, data) select ?, ?, ?"
                            // in the statement itself: it is its own (autocommit) transaction
                            + " where set_config('synchronous_commit', 'off', true) = 'off'")) {
                ps.setLong(1, contentId);
                ps.setInt(2, chunkSeq);
                ps.setBytes(3, length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length));
                return ps.executeUpdate();
            }
        });
        seq++;
        size += length;
        used = 0;
    }
}
