package io.buzon.store.maildrop;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.content.ContentChunks;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.LeaseLostException;
import io.buzon.store.Actor;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.message.Removal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a POP3 session needs from the store (a snapshot, message streams, first-retrieval marks, the
 * UPDATE-state commit), and the only way messages are ever deleted: every deleting method works under the
 * account's maildrop lease, the session's own ({@link #commit}) or one taken for the change
 * ({@link #deleteMessages}, {@link #deleteAllMail}), so no POP3 session's snapshot changes under it.
 * All methods block; call them from worker threads.
 */
@ApplicationScoped
@StoreOperation
public class MaildropService {

    /** The snapshot: an index-only scan of the account's range of {@code message_snapshot} (V7). */
    public static final String SNAPSHOT_QUERY = "select id, uidl, size from message where account_id = ? order by id";

    @Inject
    DataSource dataSource;

    @Inject
    ContentChunks chunks;

    @Inject
    MessageRemoval removal;

    @Inject
    MaildropLockService locks;

    @Inject
    AuditLog audit;

    /**
     * Takes the snapshot of an account's maildrop in one query: messages in arrival (id) order, numbered
     * 1..n. An unknown account yields an empty maildrop.
     */
    public Maildrop open(long accountId) {
        return Sql.run(dataSource, "open maildrop", c -> {
            try (PreparedStatement ps = c.prepareStatement(SNAPSHOT_QUERY)) {
                ps.setLong(1, accountId);
                // No fetch size: the whole snapshot comes in one round trip (100,000 rows are a few MB).
                List<MaildropEntry> entries = new ArrayList<>();
                long total = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(3);
                        entries.add(new MaildropEntry(entries.size() + 1, rs.getLong(1), rs.getString(2), size));
                        total += size;
                    }
                }
                return new Maildrop(accountId, entries, total);
            }
        });
    }

    /**
     * Opens a message of {@code accountId} for reading, chunk by chunk. The same query brings its first
     * content chunk, so a message that fits in one chunk (most mail) costs one round trip.
     *
     * @throws MessageGoneException if the message does not exist or belongs to another account
     */
    public MessageReader reader(long accountId, long messageId) {
        return Sql.run(dataSource, "open message", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    // message.size is what LIST announces: the prefix plus the content, as every insert writes
                    // it; reading it here spares a lookup of the content row on every retrieval
                    "select m.header_prefix, m.content_id, m.size - octet_length(m.header_prefix), cc.data from message m"
                            + " left join content_chunk cc on cc.content_id = m.content_id and cc.seq = 0"
                            + " where m.id = ? and m.account_id = ?")) {
                ps.setLong(1, messageId);
                ps.setLong(2, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new MessageGoneException("message " + messageId + " does not exist");
                    }
                    return new MessageReader(chunks, messageId, rs.getBytes(1), rs.getLong(2), rs.getLong(3),
                            rs.getBytes(4));
                }
            }
        });
    }

    /**
     * POP3 UPDATE state: deletes the messages marked for deletion, lowers quota usage and garbage-collects
     * unreferenced content, all in one transaction, only while {@code lease} is still held: the lease row
     * is locked for the duration of the transaction, so it cannot be taken over half-way. On any failure
     * nothing changes and a {@link io.buzon.store.StoreException} is thrown (map it to {@code -ERR [SYS/TEMP]}).
     *
     * @throws LeaseLostException if the lease expired or was taken over; nothing is deleted
     * @throws io.buzon.store.ValidationException if an id belongs to another account (nothing is deleted)
     */
    @Transactional
    public CommitResult commit(Lease lease, Set<Long> messageIds) {
        Removal r = removal.remove(verified(lease), messageIds);
        return new CommitResult(r.deletedMessages(), r.freedBytes(), r.missing());
    }

    /**
     * Deletes messages of an account on an administrator's request, under a maildrop lease taken for it,
     * with its audit record, in one transaction.
     *
     * @throws io.buzon.store.lock.MaildropInUseException when a POP3 session has the mailbox open
     */
    @Transactional
    public Removal deleteMessages(Actor actor, long accountId, Collection<Long> messageIds) {
        Lease hold = locks.holdForChange(accountId);
        Removal r = removal.remove(accountId, messageIds);
        audit.record(actor, "message.delete", login(accountId), "messages=" + new LinkedHashSet<>(messageIds)
                + " deleted=" + r.deletedMessages() + " bytes=" + r.freedBytes());
        locks.release(hold);
        return r;
    }

    /**
     * Deletes all of an account's mail under {@code hold}, a lease taken with
     * {@link MaildropLockService#holdForChange} in the caller's transaction (deleting the account).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Removal deleteAllMail(Lease hold) {
        return removal.removeAll(verified(hold));
    }

    private long verified(Lease lease) {
        boolean held = Sql.run(dataSource, "verify maildrop lease", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from maildrop_lease where account_id = ? and owner_id = ? and expires_at >= now() for update")) {
                ps.setLong(1, lease.accountId());
                ps.setString(2, lease.ownerId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!held) {
            throw new LeaseLostException("the maildrop lock of account " + lease.accountId() + " was lost; nothing deleted");
        }
        return lease.accountId();
    }

    private String login(long accountId) {
        return Sql.run(dataSource, "read account login", c -> {
            try (PreparedStatement ps = c.prepareStatement("select login from account where id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "#" + accountId;
                }
            }
        });
    }

    /**
     * Records the first retrieval time (now) of the given messages of an account where not yet set;
     * retention rules count from it.
     *
     * @return number of messages newly marked
     */
    public int recordFirstRetrieval(long accountId, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        Long[] ids = new LinkedHashSet<>(messageIds).toArray(Long[]::new);
        return Sql.run(dataSource, "record first retrieval", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update message set first_retrieved_at = now()"
                            + " where account_id = ? and id = any(?) and first_retrieved_at is null")) {
                ps.setLong(1, accountId);
                ps.setArray(2, c.createArrayOf("bigint", ids));
                return ps.executeUpdate();
            }
        });
    }
}
