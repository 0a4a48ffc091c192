package io.buzon.store.quota;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.NotFoundException;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Quota figures. Usage is maintained by delivery and removal in their own transactions; this service reads
 * it, recounts it from the messages, and repairs it if it ever drifted.
 */
@ApplicationScoped
@StoreOperation
public class QuotaService {

    /**
     * The byte quota in force, in SQL over {@code account a join domain d}: the account's own, else its
     * domain's default, else none (null). Written once here; every query that needs it uses these.
     */
    public static final String EFFECTIVE_BYTES = "coalesce(a.quota_bytes, d.default_quota_bytes)";

    /** The message-count quota in force, as {@link #EFFECTIVE_BYTES}. */
    public static final String EFFECTIVE_MESSAGES = "coalesce(a.quota_messages, d.default_quota_messages)";

    @Inject
    DataSource dataSource;

    /**
     * The quota that applies: the account's override, else its domain's default, else unlimited ({@code null}),
     * separately for bytes and messages.
     *
     * @throws NotFoundException if there is no such account
     */
    public Quota effectiveQuota(long accountId) {
        return Sql.run(dataSource, "read quota", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + EFFECTIVE_BYTES + ", " + EFFECTIVE_MESSAGES
                            + " from account a join domain d on d.id = a.domain_id where a.id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no account with id " + accountId);
                    }
                    return new Quota(rs.getObject(1, Long.class), rs.getObject(2, Long.class));
                }
            }
        });
    }

    /**
     * The stored usage counters.
     *
     * @throws NotFoundException if there is no such account
     */
    public Usage usage(long accountId) {
        return Sql.run(dataSource, "read usage", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select used_bytes, used_messages from account where id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no account with id " + accountId);
                    }
                    return new Usage(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** Usage counted from the account's messages, ignoring the stored counters. Changes nothing. */
    public Usage recount(long accountId) {
        return Sql.run(dataSource, "recount usage", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(sum(size), 0), count(*) from message where account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Usage(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /**
     * Sets the stored counters to a recount, under the account row lock so no delivery interleaves.
     *
     * @return the corrected usage
     * @throws NotFoundException if there is no such account
     */
    @Transactional
    public Usage repair(long accountId) {
        return Sql.run(dataSource, "repair usage", c -> {
            try (PreparedStatement lock = c.prepareStatement("select id from account where id = ? for update")) {
                lock.setLong(1, accountId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no account with id " + accountId);
                    }
                }
            }
            // counted only after the lock: deliveries and removals take the same lock first
            Usage counted = recount(accountId);
            try (PreparedStatement ps = c.prepareStatement(
                    "update account set used_bytes = ?, used_messages = ? where id = ?")) {
                ps.setLong(1, counted.bytes());
                ps.setLong(2, counted.messages());
                ps.setLong(3, accountId);
                ps.executeUpdate();
            }
            return counted;
        });
    }
}
