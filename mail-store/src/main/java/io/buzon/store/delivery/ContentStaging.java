package io.buzon.store.delivery;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.config.StoreConfig;
import io.buzon.store.content.ChunkUploader;
import io.buzon.store.content.ContentRefs;
import io.buzon.store.content.LineEndingNormalizer;
import io.buzon.store.jdbc.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Stores a body under its SHA-256 or, when that body is already stored, takes a reference to the existing
 * row. A body of at most one chunk is hashed in memory and published with its chunk in one transaction;
 * a larger one streams into chunks under a pending content row that is published (or dropped in favour
 * of an identical row) at the end.
 *
 * <p>Staging transactions commit without waiting for the WAL flush ({@link #deferFlush}): none of them
 * is acknowledged to anyone. The delivery transaction that makes a message of the content commits
 * synchronously, and PostgreSQL flushes the WAL in order, so when a delivery is durable every staging
 * record before it is too. A crash in between loses only unacknowledged stagings. Only transactions of
 * their own are deferred, never one a caller's work could be part of. This saves three or four WAL
 * flushes per delivered message (one remains: the delivery's).
 */
@ApplicationScoped
@StoreOperation
class ContentStaging {

    private static final int PUBLISH_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(ContentStaging.class);

    @Inject
    DataSource dataSource;

    @Inject
    StoreConfig config;

    StagedContent stage(InputStream body) throws IOException {
        // Most mail fits in one chunk: it is hashed in memory and published, chunk and hold included, in
        // one transaction. A larger body starts the chunked upload under a pending row as soon as it
        // outgrows the chunk, so memory stays bounded by one chunk either way.
        long[] pendingId = {0};
        ChunkUploader[] uploader = {null};
        FirstChunkBuffer first = new FirstChunkBuffer(config.chunkSize(), () -> {
            pendingId[0] = insertPending();
            uploader[0] = new ChunkUploader(dataSource, pendingId[0], config.chunkSize());
            return uploader[0];
        });
        boolean published = false;
        try {
            LineEndingNormalizer normalizer = new LineEndingNormalizer(first);
            body.transferTo(normalizer);
            normalizer.finish();
            StagedContent staged;
            if (first.spilled()) {
                byte[] sha = uploader[0].complete();
                staged = publish(pendingId[0], sha, uploader[0].size());
            } else {
                staged = publishWhole(first.bytes());
            }
            published = true;
            return staged;
        } finally {
            if (!published && pendingId[0] != 0) {
                discardPending(pendingId[0]);
            }
        }
    }

    void release(StagedContent staged) {
        // inside a caller's transaction the release commits (durably) with the caller's work
        boolean own = !QuarkusTransaction.isActive();
        QuarkusTransaction.joiningExisting().run(() -> Sql.run(dataSource, "release staged content", c -> {
            if (own) {
                deferFlush(c);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from content_hold where id = ? returning content_id")) {
                ps.setLong(1, staged.holdId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ContentRefs.release(c, Map.of(rs.getLong(1), 1));
                    }
                }
            }
            return null;
        }));
    }

    /** Releases holds and deletes unfinished stagings older than the configured age. */
    int sweepAbandoned(java.time.Duration olderThan) {
        double ageSeconds = olderThan.toMillis() / 1000.0;
        int swept = 0;
        swept += QuarkusTransaction.requiringNew().call(() -> Sql.run(dataSource, "sweep staging holds", c -> {
            Map<Long, Integer> refs = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from content_hold where created_at < now() - make_interval(secs => ?) returning content_id")) {
                ps.setDouble(1, ageSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refs.merge(rs.getLong(1), 1, Integer::sum);
                    }
                }
            }
            ContentRefs.release(c, refs);
            return refs.values().stream().mapToInt(Integer::intValue).sum();
        }));
        swept += QuarkusTransaction.requiringNew().call(() -> Sql.run(dataSource, "sweep pending content", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from content where sha256 is null and created_at < now() - make_interval(secs => ?)")) {
                ps.setDouble(1, ageSeconds);
                return ps.executeUpdate();
            }
        }));
        return swept;
    }

    private long insertPending() {
        return QuarkusTransaction.requiringNew().call(() -> Sql.run(dataSource, "start staging", c -> {
            deferFlush(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into content (sha256, size, ref_count) values (null, 0, 0) returning id");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private void discardPending(long pendingId) {
        QuarkusTransaction.requiringNew().run(() -> Sql.run(dataSource, "discard staging", c -> {
            deferFlush(c);
            try (PreparedStatement ps = c.prepareStatement("delete from content where id = ? and sha256 is null")) {
                ps.setLong(1, pendingId);
                return ps.executeUpdate();
            }
        }));
    }

    /**
     * Race-safe publication. A concurrent publisher of the same body makes our UPDATE wait for it and then
     * fail with a unique violation; the retry then finds its row. A concurrent garbage collection of the
     * existing row makes the reference UPDATE find nothing, and we publish our own chunks instead.
     */
    private StagedContent publish(long pendingId, byte[] sha, long size) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() ->
                        Sql.run(dataSource, "publish content", c -> publishOnce(c, pendingId, sha, size)));
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e) || attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("identical content published concurrently; retrying publication (attempt %d)", attempt);
            }
        }
    }

    /**
     * Publishes a body of at most one chunk in one transaction: a reference to identical stored content,
     * or a new content row with its chunk. Two stagings of the same new body race on the unique SHA-256;
     * the loser's insert waits for the winner, fails, and its retry finds the winner's row.
     */
    private StagedContent publishWhole(byte[] body) {
        byte[] sha = sha256(body);
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() ->
                        Sql.run(dataSource, "publish content", c -> publishWholeOnce(c, body, sha)));
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e) || attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("identical content published concurrently; retrying publication (attempt %d)", attempt);
            }
        }
    }

    private static StagedContent publishWholeOnce(Connection c, byte[] body, byte[] sha) throws SQLException {
        deferFlush(c);
        String hex = HexFormat.of().formatHex(sha);
        try (PreparedStatement ps = c.prepareStatement(
                "update content set ref_count = ref_count + 1 where sha256 = ? returning id, size")) {
            ps.setBytes(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long existing = rs.getLong(1);
                    long existingSize = rs.getLong(2);
                    return new StagedContent(insertHold(c, existing), existing, existingSize, hex, true);
                }
            }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into content (sha256, size, ref_count) values (?, ?, 1) returning id")) {
            ps.setBytes(1, sha);
            ps.setLong(2, body.length);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (body.length > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into content_chunk (content_id, seq, data) values (?, 0, ?)")) {
                ps.setLong(1, id);
                ps.setBytes(2, body);
                ps.executeUpdate();
            }
        }
        return new StagedContent(insertHold(c, id), id, body.length, hex, false);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static StagedContent publishOnce(Connection c, long pendingId, byte[] sha, long size) throws SQLException {
        deferFlush(c);
        String hex = HexFormat.of().formatHex(sha);
        try (PreparedStatement ps = c.prepareStatement(
                "update content set ref_count = ref_count + 1 where sha256 = ? returning id, size")) {
            ps.setBytes(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long existing = rs.getLong(1);
                    long existingSize = rs.getLong(2);
                    delete(c, pendingId);
                    return new StagedContent(insertHold(c, existing), existing, existingSize, hex, true);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update content set sha256 = ?, size = ?, ref_count = 1 where id = ? and sha256 is null")) {
            ps.setBytes(1, sha);
            ps.setLong(2, size);
            ps.setLong(3, pendingId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("pending content " + pendingId + " vanished (swept as abandoned?)");
            }
        }
        return new StagedContent(insertHold(c, pendingId), pendingId, size, hex, false);
    }

    /** This transaction's commit does not wait for its WAL flush (see the class comment for why that is safe). */
    private static void deferFlush(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("set local synchronous_commit = off")) {
            ps.execute();
        }
    }

    private static void delete(Connection c, long contentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from content where id = ?")) {
            ps.setLong(1, contentId);
            ps.executeUpdate();
        }
    }

    private static long insertHold(Connection c, long contentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into content_hold (content_id) values (?) returning id")) {
            ps.setLong(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
