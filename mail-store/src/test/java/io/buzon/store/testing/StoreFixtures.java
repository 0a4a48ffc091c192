package io.buzon.store.testing;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.CommitResult;
import io.buzon.store.maildrop.MaildropService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/** Test data with unique names, so test classes sharing one database never see each other's rows. */
@ApplicationScoped
public class StoreFixtures {

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    DataSource dataSource;

    @Inject
    MaildropService maildrops;

    @Inject
    MaildropLockService locks;

    public Domain newDomain() {
        return newDomain(null, null);
    }

    public Domain newDomain(Long quotaBytes, Long quotaMessages) {
        return domains.create(Actor.system("test"), "t" + UUID.randomUUID().toString().substring(0, 12) + ".test", quotaBytes, quotaMessages);
    }

    public Account newAccount() {
        return newAccount(newDomain());
    }

    public Account newAccount(Domain domain) {
        return accounts.create(Actor.system("test"), "u" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain.name(), null);
    }

    /**
     * What a POP3 session does: takes the maildrop lease (waiting, as a client retrying {@code [IN-USE]}
     * would, while another session has it), commits the deletions under it, releases it.
     */
    public CommitResult commitAsSession(long accountId, Set<Long> messageIds) {
        String session = "fixture-" + UUID.randomUUID();
        Lease lease = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> locks.tryAcquire(accountId, session, "127.0.0.1", false), java.util.Optional::isPresent)
                .orElseThrow();
        try {
            return maildrops.commit(lease, messageIds);
        } finally {
            locks.release(lease);
        }
    }

    /** Stages {@code body}, delivers it to one account and releases the staging hold. */
    public DeliveredMessage deliver(long accountId, String body) {
        StagedContent staged = stage(body);
        try {
            return delivery.deliver(accountId, staged, null, null, null);
        } finally {
            delivery.release(staged);
        }
    }

    public DeliveredMessage deliverStaged(long accountId, StagedContent staged) {
        return delivery.deliver(accountId, staged, null, null, null);
    }

    public void release(StagedContent staged) {
        delivery.release(staged);
    }

    public StagedContent stage(String body) {
        try {
            return delivery.stage(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unique body, so deliveries in different tests never deduplicate against each other. */
    public static String uniqueBody(String text) {
        return "Message-ID: <" + UUID.randomUUID() + "@test>\r\nSubject: test\r\n\r\n" + text + "\r\n";
    }

    /** Runs one update statement (to simulate damage a repair must fix). */
    public int execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a single-value query, e.g. {@code select count(*) from content where id = ?}. */
    public long queryLong(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a single-value text query; null when there is no row. */
    public String queryString(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
