package io.buzon.console.mailbox;

import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.maildrop.MessageGoneException;
import io.buzon.store.maildrop.MessageReader;
import io.buzon.store.message.MessageRemoval;
import io.buzon.store.message.Removal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A mailbox's messages for the account page and the API: newest first, one page at a time, with sender
 * and subject read from each message's first header octets through the store's chunked reader.
 * Deleting goes through the store's removal (usage and shared content stay exact).
 */
@ApplicationScoped
public class MailboxMessages {

    @Inject
    DataSource dataSource;

    @Inject
    MaildropService maildrops;

    @Inject
    MessageRemoval removal;

    public record MessagePage(List<MessageSummary> items, long total, int index, int size) {
        public boolean hasNext() {
            return (long) (index + 1) * size < total;
        }

        public boolean hasPrevious() {
            return index > 0;
        }

        public int next() {
            return index + 1;
        }

        public int previous() {
            return index - 1;
        }
    }

    public MessagePage list(long accountId, int index, int size) {
        List<MessageSummary> items = new ArrayList<>();
        long total;
        // The message table belongs to the store; this read-only listing is the one query the store
        // API does not offer yet (it has no per-message received/first-retrieved view).
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from message where account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, uidl, size, received_at, first_retrieved_at from message where account_id = ?"
                            + " order by received_at desc, id desc limit ? offset ?")) {
                ps.setLong(1, accountId);
                ps.setInt(2, size);
                ps.setLong(3, (long) index * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new MessageSummary(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), null, null));
                    }
                }
            }
        } catch (SQLException e) {
            throw new io.buzon.store.StorageFailureException("list messages", e);
        }
        List<MessageSummary> withHeaders = new ArrayList<>(items.size());
        for (MessageSummary m : items) {
            HeaderSummary h = headers(accountId, m.id());
            withHeaders.add(new MessageSummary(m.id(), m.uidl(), m.size(), m.receivedAt(), m.firstRetrievedAt(),
                    h == null ? "" : h.from, h == null ? "" : h.subject));
        }
        return new MessagePage(withHeaders, total, index, size);
    }

    public Removal delete(long accountId, Collection<Long> messageIds) {
        return removal.remove(accountId, messageIds);
    }

    private HeaderSummary headers(long accountId, long messageId) {
        try {
            MessageReader reader = maildrops.reader(accountId, messageId);
            try (InputStream in = reader.asInputStream()) {
                return HeaderSummary.read(in);
            }
        } catch (MessageGoneException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
