package io.buzon.store.delivery;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.ConflictException;
import io.buzon.store.NotFoundException;
import io.buzon.store.ValidationException;
import io.buzon.store.account.LoginName;
import io.buzon.store.config.StoreConfig;
import io.buzon.store.content.ContentRefs;
import io.buzon.store.content.LineEndingNormalizer;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.quota.Quota;
import io.buzon.store.quota.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivery into mailboxes: stage a body once, check and deliver to each recipient, release the staging.
 * All methods block; call them from worker threads.
 */
@ApplicationScoped
@StoreOperation
public class DeliveryService {

    /** Largest per-recipient header prefix accepted (Return-Path, Delivered-To, Received lines). */
    public static final int MAX_HEADER_PREFIX = 64 * 1024;

    @Inject
    DataSource dataSource;

    @Inject
    ContentStaging staging;

    @Inject
    StoreConfig config;

    @Inject
    io.buzon.store.stats.DeliveryStats deliveryStats;

    /** This bean through its proxy, so {@link #deliverOne} gets {@link #deliver}'s own transaction. */
    @Inject
    DeliveryService self;

    /**
     * Stores a message body, normalising bare LF and bare CR to CRLF and ending it with CRLF, chunk by chunk
     * (bounded memory, no database connection held while reading {@code body}). Identical content already
     * stored is reused. Runs outside any caller transaction. The result holds the content until
     * {@link #release(StagedContent)}.
     *
     * @throws IOException if reading {@code body} fails; nothing stays stored then
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public StagedContent stage(InputStream body) throws IOException {
        return staging.stage(body);
    }

    /**
     * Delivers one message to one mailbox (the demo seed, a migration import): stages {@code body},
     * delivers it, and drops the staging hold whatever happens. LMTP stages once for many recipients and
     * uses {@link #stage}, {@link #deliver} and {@link #release} itself.
     *
     * @see #deliver for the other parameters and what is thrown
     * @throws IOException if reading {@code body} fails; nothing is delivered then
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DeliveredMessage deliverOne(long accountId, InputStream body, String legacyUidl, Instant receivedAt)
            throws IOException {
        StagedContent staged = stage(body);
        try {
            return self.deliver(accountId, staged, null, legacyUidl, receivedAt);
        } finally {
            release(staged);
        }
    }

    /**
     * Drops the staging hold; content no message references is deleted. Safe to call twice. Joins the
     * caller's transaction if there is one; otherwise runs in its own, which does not wait for its WAL
     * flush (a lost release only leaves a hold for the staging sweep).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void release(StagedContent staged) {
        staging.release(staged);
    }

    /**
     * Deletes unfinished stagings and releases staging holds older than
     * {@code buzon.store.staging.abandon-after} (left by a crashed deliverer). Call it periodically.
     *
     * @return number of holds and pending bodies removed
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int sweepAbandonedStaging() {
        return staging.sweepAbandoned(config.staging().abandonAfter());
    }

    /** As {@link #sweepAbandonedStaging()} with an explicit age (tools and tests). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int sweepAbandonedStaging(Duration olderThan) {
        return staging.sweepAbandoned(olderThan);
    }

    /**
     * Says whether {@code address} ({@code local@domain}, optionally in angle brackets) can receive a
     * message of {@code expectedSize} octets (0 when unknown: then only a full mailbox is refused).
     */
    @Transactional(Transactional.TxType.SUPPORTS) // one read: no transaction of its own per RCPT
    public RecipientCheck checkRecipient(String address, long expectedSize) {
        LoginName login;
        try {
            login = LoginName.parse(stripBrackets(address));
        } catch (ValidationException e) {
            return new RecipientCheck(RecipientStatus.UNKNOWN, 0);
        }
        return Sql.run(dataSource, "check recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement(ACCOUNT_STATE + " where a.login = ?")) {
                ps.setString(1, login.login());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new RecipientCheck(RecipientStatus.UNKNOWN, 0);
                    }
                    AccountState state = AccountState.read(rs);
                    return new RecipientCheck(state.statusFor(Math.max(0, expectedSize)), state.id);
                }
            }
        });
    }

    /**
     * Appends a message to an account atomically: message row, content reference, usage and UIDL counter
     * change in one transaction, with the quota checked under a lock on the account row.
     *
     * @param headerPrefix    per-recipient header lines sent before the shared content (line ends are
     *                        normalised to CRLF); may be empty or {@code null}
     * @param legacyUidl      a UIDL from a migrated server, or {@code null} to generate one
     * @param receivedAt      arrival time, or {@code null} for now
     * @throws DeliveryRejectedException with {@link RecipientStatus#DISABLED} or {@link RecipientStatus#OVER_QUOTA}
     * @throws NotFoundException          if the account or the staged content does not exist
     * @throws ConflictException          if {@code legacyUidl} is already used in this mailbox
     * @throws ValidationException        if {@code legacyUidl} or the header prefix is invalid
     */
    @Transactional
    public DeliveredMessage deliver(long accountId, StagedContent content, byte[] headerPrefix,
                                    String legacyUidl, Instant receivedAt) {
        if (legacyUidl != null) {
            Uidls.requireValid(legacyUidl);
        }
        byte[] prefix = normalisePrefix(headerPrefix);
        if (legacyUidl == null) {
            deliveryStats.countAfterCommit(); // imports bring a legacy UIDL: old mail, not a delivery
        }
        Instant at = (receivedAt == null ? Instant.now() : receivedAt).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return Sql.run(dataSource, "deliver message", c -> {
            AccountState state = lockAccount(c, accountId);
            if (!state.active) {
                throw new DeliveryRejectedException(RecipientStatus.DISABLED, "mailbox disabled");
            }
            // the reference is taken first: an exception below rolls it back with everything else
            long size = prefix.length + ContentRefs.add(c, content.contentId());
            if (state.statusFor(size) != RecipientStatus.OK) {
                throw new DeliveryRejectedException(RecipientStatus.OVER_QUOTA, rejection(state, size));
            }
            Inserted inserted = legacyUidl != null
                    ? insertMessage(c, accountId, legacyUidl, prefix, content.contentId(), size, at)
                    : insertWithGeneratedUidl(c, accountId, state.nextUid, prefix, content.contentId(), size, at);
            try (PreparedStatement ps = c.prepareStatement(
                    "update account set used_bytes = used_bytes + ?, used_messages = used_messages + 1,"
                            + " next_uid = next_uid + 1 where id = ?")) {
                ps.setLong(1, size);
                ps.setLong(2, accountId);
                ps.executeUpdate();
            }
            return new DeliveredMessage(inserted.id, accountId, inserted.uidl, size, at,
                    new Quota(state.quotaBytes, state.quotaMessages),
                    new Usage(state.usedBytes + size, state.usedMessages + 1));
        });
    }

    private static final String ACCOUNT_STATE =
            "select a.id, a.enabled and d.enabled,"
                    + " " + QuotaService.EFFECTIVE_BYTES + ", " + QuotaService.EFFECTIVE_MESSAGES + ","
                    + " a.used_bytes, a.used_messages, a.next_uid"
                    + " from account a join domain d on d.id = a.domain_id";

    private static AccountState lockAccount(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACCOUNT_STATE + " where a.id = ? for update of a")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no account with id " + accountId);
                }
                return AccountState.read(rs);
            }
        }
    }

    /**
     * A generated UIDL can only collide with an imported legacy UIDL of the same shape; a fresh random
     * part resolves that.
     *
     */
    private static Inserted insertWithGeneratedUidl(Connection c, long accountId, long uid, byte[] prefix,
                                                  long contentId, long size, Instant at) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            String uidl = Uidls.generate(uid);
            long id = tryInsertMessage(c, accountId, uidl, prefix, contentId, size, at);
            if (id > 0) {
                return new Inserted(id, uidl);
            }
        }
        throw new ConflictException("could not generate a free UIDL for account " + accountId);
    }

    private static Inserted insertMessage(Connection c, long accountId, String uidl, byte[] prefix, long contentId,
                                          long size, Instant at) throws SQLException {
        long id = tryInsertMessage(c, accountId, uidl, prefix, contentId, size, at);
        if (id == 0) {
            throw new ConflictException("UIDL " + uidl + " is already used in this mailbox");
        }
        return new Inserted(id, uidl);
    }

    private record Inserted(long id, String uidl) {
    }

    /** Inserts the message row; returns its id, or 0 if the UIDL is already used in the mailbox. */
    private static long tryInsertMessage(Connection c, long accountId, String uidl, byte[] prefix, long contentId,
                                            long size, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into message (account_id, uidl, header_prefix, content_id, size, received_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (account_id, uidl) do nothing returning id")) {
            ps.setLong(1, accountId);
            ps.setString(2, uidl);
            ps.setBytes(3, prefix);
            ps.setLong(4, contentId);
            ps.setLong(5, size);
            ps.setTimestamp(6, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static String rejection(AccountState state, long size) {
        return "mailbox full: " + state.usedBytes + " of " + limit(state.quotaBytes) + " bytes and "
                + state.usedMessages + " of " + limit(state.quotaMessages) + " messages used; message is " + size + " bytes";
    }

    private static String limit(Long quota) {
        return quota == null ? "unlimited" : quota.toString();
    }

    private static byte[] normalisePrefix(byte[] headerPrefix) {
        if (headerPrefix == null || headerPrefix.length == 0) {
            return new byte[0];
        }
        if (headerPrefix.length > MAX_HEADER_PREFIX) {
            throw new ValidationException("header prefix longer than " + MAX_HEADER_PREFIX + " bytes");
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(headerPrefix.length + 16);
            LineEndingNormalizer normalizer = new LineEndingNormalizer(out);
            normalizer.write(headerPrefix);
            normalizer.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripBrackets(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        return a.startsWith("<") && a.endsWith(">") ? a.substring(1, a.length() - 1) : a;
    }

    /** Account columns delivery decisions need. Quotas {@code null} = unlimited. */
    private record AccountState(long id, boolean active, Long quotaBytes, Long quotaMessages,
                                long usedBytes, long usedMessages, long nextUid) {

        static AccountState read(ResultSet rs) throws SQLException {
            return new AccountState(rs.getLong(1), rs.getBoolean(2), rs.getObject(3, Long.class),
                    rs.getObject(4, Long.class), rs.getLong(5), rs.getLong(6), rs.getLong(7));
        }

        RecipientStatus statusFor(long size) {
            if (!active) {
                return RecipientStatus.DISABLED;
            }
            boolean bytesFull = quotaBytes != null && (usedBytes + size > quotaBytes || usedBytes >= quotaBytes && size == 0);
            boolean countFull = quotaMessages != null && usedMessages + 1 > quotaMessages;
            return bytesFull || countFull ? RecipientStatus.OVER_QUOTA : RecipientStatus.OK;
        }
    }
}
