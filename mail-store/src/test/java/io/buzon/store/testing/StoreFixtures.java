package io.buzon.store.testing;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
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

    public Domain newDomain() {
        return newDomain(null, null);
    }

    public Domain newDomain(Long quotaBytes, Long quotaMessages) {
        return domains.create("t" + UUID.randomUUID().toString().substring(0, 12) + ".test", quotaBytes, quotaMessages);
    }

    public Account newAccount() {
        return newAccount(newDomain());
    }

    public Account newAccount(Domain domain) {
        return accounts.create("u" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain.name(), null);
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
}
