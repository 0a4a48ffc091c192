package io.buzon.store.content;

import io.buzon.store.NotFoundException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference counting of shared content on the caller's connection (and so in the caller's transaction).
 * A content row is deleted, with its chunks, in the same transaction that drops its last reference.
 */
public final class ContentRefs {

    private ContentRefs() {
    }

    /**
     * Adds one reference to published content.
     *
     * @return the stored size of the content (the caller's own idea of it is not trusted)
     * @throws NotFoundException if the content is gone or still being staged
     */
    public static long add(Connection c, long contentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update content set ref_count = ref_count + 1 where id = ? and sha256 is not null returning size")) {
            ps.setLong(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("content " + contentId + " does not exist (was its staging hold released?)");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Drops references ({@code contentId -> count}) and deletes content nobody references any more.
     * Rows are locked in id order first, so two transactions releasing overlapping content cannot deadlock.
     *
     * @return the number of content rows deleted
     */
    public static int release(Connection c, Map<Long, Integer> references) throws SQLException {
        if (references.isEmpty()) {
            return 0;
        }
        if (references.size() == 1) {
            var only = references.entrySet().iterator().next();
            return releaseOne(c, only.getKey(), only.getValue());
        }
        TreeMap<Long, Integer> ordered = new TreeMap<>(references);
        Long[] ids = ordered.keySet().toArray(Long[]::new);
        Integer[] counts = ordered.values().toArray(Integer[]::new);
        Array idArray = c.createArrayOf("bigint", ids);
        try (PreparedStatement lock = c.prepareStatement(
                "select id from content where id = any(?) order by id for update")) {
            lock.setArray(1, idArray);
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // locking only
                }
            }
        }
        try (PreparedStatement dec = c.prepareStatement(
                "update content c set ref_count = c.ref_count - x.n"
                        + " from unnest(?::bigint[], ?::int[]) as x(id, n) where c.id = x.id")) {
            dec.setArray(1, idArray);
            dec.setArray(2, c.createArrayOf("integer", counts));
            dec.executeUpdate();
        }
        try (PreparedStatement gc = c.prepareStatement(
                "delete from content where id = any(?) and ref_count = 0")) {
            gc.setArray(1, idArray);
            return gc.executeUpdate();
        }
    }

    /**
     * One content row, the common case (a delivery's staging hold, a one-message QUIT): one row lock needs
     * no ordering, and scalar statements keep PostgreSQL's cached plan, where the array forms above are
     * planned afresh on every call (a fifth of the database's time per LMTP delivery).
     */
    private static int releaseOne(Connection c, long contentId, int count) throws SQLException {
        try (PreparedStatement dec = c.prepareStatement(
                "update content set ref_count = ref_count - ? where id = ? returning ref_count")) {
            dec.setInt(1, count);
            dec.setLong(2, contentId);
            try (ResultSet rs = dec.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 0) {
                    return 0;
                }
            }
        }
        try (PreparedStatement gc = c.prepareStatement("delete from content where id = ? and ref_count = 0")) {
            gc.setLong(1, contentId);
            return gc.executeUpdate();
        }
    }
}
