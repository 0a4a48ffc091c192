package io.buzon.store.content;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads stored content one chunk per short query. */
@ApplicationScoped
@StoreOperation
public class ContentChunks {

    @Inject
    DataSource dataSource;

    /** Chunk {@code seq} (from 0) of a content row, or {@code null} if there is no such chunk. */
    public byte[] read(long contentId, int seq) {
        return Sql.run(dataSource, "read content chunk", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select data from content_chunk where content_id = ? and seq = ?")) {
                ps.setLong(1, contentId);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }
}
