package io.buzon.store.message;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-only views of stored messages for administration. POP3 uses the maildrop snapshot instead. */
@ApplicationScoped
@StoreOperation
public class MessageQueries {

    private static final String COLUMNS = "select id, account_id, uidl, size, received_at, first_retrieved_at from message";

    @Inject
    DataSource dataSource;

    /** An account's messages, newest first (by arrival time, then id). */
    public Page<StoredMessage> list(long accountId, PageRequest page) {
        return Sql.run(dataSource, "list messages", c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from message where account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<StoredMessage> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    COLUMNS + " where account_id = ? order by received_at desc, id desc limit ? offset ?")) {
                ps.setLong(1, accountId);
                ps.setInt(2, page.size());
                ps.setLong(3, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new Page<>(items, total, page);
        });
    }

    /** One message of an account, if it exists. */
    public Optional<StoredMessage> find(long accountId, long messageId) {
        return Sql.run(dataSource, "find message", c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " where account_id = ? and id = ?")) {
                ps.setLong(1, accountId);
                ps.setLong(2, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<StoredMessage>empty();
                }
            }
        });
    }

    private static StoredMessage read(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
