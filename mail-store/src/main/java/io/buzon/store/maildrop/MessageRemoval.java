package io.buzon.store.maildrop;

import io.buzon.store.NotFoundException;
import io.buzon.store.ValidationException;
import io.buzon.store.content.ContentRefs;
import io.buzon.store.message.Removal;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The only code that deletes messages, reached only through {@link MaildropService}, whose every path
 * holds the maildrop lease first. In one transaction (the caller's) it deletes the rows, lowers the
 * account's usage by exactly what was deleted, and drops content references, deleting content that is no
 * longer referenced.
 *
 * <p>Lock order, always: account row, then content rows by id; delivery takes the account row first too.
 */
@ApplicationScoped
class MessageRemoval {

    @Inject
    DataSource dataSource;

    /**
     * Deletes the given messages of one account. Ids that no longer exist are counted as missing.
     *
     * @throws NotFoundException   if the account does not exist
     * @throws ValidationException if an id belongs to another account; the transaction is rolled back then
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Removal remove(long accountId, Collection<Long> messageIds) {
        Long[] ids = new LinkedHashSet<>(messageIds).toArray(Long[]::new);
        if (ids.length == 0) {
            return new Removal(0, 0, 0, 0);
        }
        return Sql.run(dataSource, "remove messages", c -> {
            lockAccount(c, accountId);
            Deleted deleted;
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from message where account_id = ? and id = any(?) returning content_id, size")) {
                ps.setLong(1, accountId);
                ps.setArray(2, c.createArrayOf("bigint", ids));
                deleted = Deleted.collect(ps);
            }
            int missing = ids.length - deleted.count;
            if (missing > 0) {
                // checked after the delete on purpose: an exception here must undo work already done
                int foreign = countExisting(c, ids);
                if (foreign > 0) {
                    throw new ValidationException(foreign + " of the message ids belong to another account");
                }
            }
            return finish(c, accountId, deleted, missing);
        });
    }

    /**
     * Deletes every message of an account (used before deleting the account).
     *
     * @throws NotFoundException if the account does not exist
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Removal removeAll(long accountId) {
        return Sql.run(dataSource, "remove all messages", c -> {
            lockAccount(c, accountId);
            Deleted deleted;
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from message where account_id = ? returning content_id, size")) {
                ps.setLong(1, accountId);
                deleted = Deleted.collect(ps);
            }
            return finish(c, accountId, deleted, 0);
        });
    }

    private static Removal finish(Connection c, long accountId, Deleted deleted, int missing) throws SQLException {
        int freed = ContentRefs.release(c, deleted.references);
        try (PreparedStatement ps = c.prepareStatement(
                "update account set used_bytes = used_bytes - ?, used_messages = used_messages - ? where id = ?")) {
            ps.setLong(1, deleted.bytes);
            ps.setLong(2, deleted.count);
            ps.setLong(3, accountId);
            ps.executeUpdate();
        }
        return new Removal(deleted.count, deleted.bytes, missing, freed);
    }

    private static void lockAccount(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from account where id = ? for update")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no account with id " + accountId);
                }
            }
        }
    }

    private static int countExisting(Connection c, Long[] ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from message where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static final class Deleted {
        final Map<Long, Integer> references = new HashMap<>();
        int count;
        long bytes;

        static Deleted collect(PreparedStatement ps) throws SQLException {
            Deleted d = new Deleted();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    d.references.merge(rs.getLong(1), 1, Integer::sum);
                    d.bytes += rs.getLong(2);
                    d.count++;
                }
            }
            return d;
        }
    }
}
