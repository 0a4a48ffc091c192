package io.buzon.pop3.store;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.it.TestMailboxes;
import io.buzon.store.account.Account;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7: opening a maildrop costs one query, whatever the size of the mailbox and of the rest of the
 * store. Every statement a login executes (authentication, lease, LOGIN-DELAY, snapshot, retention) is
 * counted at the JDBC driver, for a mailbox of 10 and one of 5,000 messages next to a mailbox of 20,000.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(MaildropOpenCostTest.Counting.class)
class MaildropOpenCostTest {

    /** The counting driver under the pool; no heartbeat during the test (it would not be counted anyway). */
    public static class Counting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.driver", CountingDriver.class.getName(),
                    "buzon.pop3.lease-heartbeat-interval", "1h");
        }
    }

    @Inject
    TestMailboxes mailboxes;

    @Inject
    StoreMailboxBackend backend;

    @Inject
    DataSource dataSource;

    @Test
    void openingAMaildropIsOneQueryWhateverItsSizeAndTheRestOfTheStore() throws SQLException {
        Account crowded = mailboxes.newAccount();
        fill(crowded, 20_000);
        Account small = mailboxes.newAccount();
        fill(small, 10);
        Account large = mailboxes.newAccount();
        fill(large, 5_000);

        List<String> smallLogin = countedLogin(small, 10);
        List<String> largeLogin = countedLogin(large, 5_000);

        assertEquals(smallLogin, largeLogin, "the same statements for 10 and 5,000 messages");
        // Per login, with the verified-credential cache primed by a first login: 9 from the auth module
        // (account, 2 password policies, lockout, stored hash, TOTP, failure reset, last login, login
        // statistics), the lease, 2 for LOGIN-DELAY (rule, last mail login), the snapshot, the retention rule.
        assertEquals(14, largeLogin.size(), () -> "statements: " + largeLogin);
        assertEquals(List.of(MaildropService.SNAPSHOT_QUERY),
                largeLogin.stream().filter(sql -> sql.contains("from message")).toList(), "one snapshot query");

        // and that query reads only the account's range of an index, never the table
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("vacuum analyze message");
            for (Account account : List.of(small, large)) {
                assertEquals(List.of("Index Only Scan using message_snapshot on message",
                        "Index Cond: (account_id = '" + account.id() + "'::bigint)"), plan(c, account.id()));
            }
        }
    }

    private static List<String> plan(Connection c, long accountId) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("explain (costs off) " + MaildropService.SNAPSHOT_QUERY)) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1).trim());
                }
            }
        }
        return plan;
    }

    /** Logs in once to prime the credential cache, then counts a second, ordinary login. */
    private List<String> countedLogin(Account account, int expectedMessages) {
        ClientInfo client = new ClientInfo("s-" + account.id(), "127.0.0.1", false);
        login(account, client, expectedMessages, false);
        return login(account, client, expectedMessages, true);
    }

    /**
     * What Pop3Session#completeLogin asks of the backend, in its order (counted if {@code count}), then
     * QUIT's release.
     */
    private List<String> login(Account account, ClientInfo client, int expectedMessages, boolean count) {
        if (count) {
            CountingDriver.startRecording();
        }
        List<MaildropEntry> entries;
        MaildropLock lock;
        try {
            AuthResult auth = backend.authenticate(account.login(), TestMailboxes.PASSWORD, client);
            assertTrue(auth.succeeded());
            lock = backend.tryLock(auth.accountId(), client).orElseThrow();
            assertEquals(0, backend.admitLogin(auth.accountId()));
            entries = backend.open(auth.accountId());
            backend.retention(auth.accountId());
        } finally {
            statements.clear();
            statements.addAll(CountingDriver.stopRecording());
        }
        backend.release(lock);
        assertEquals(expectedMessages, entries.size());
        return List.copyOf(statements);
    }

    private final List<String> statements = new ArrayList<>();

    /** Adds {@code count} messages sharing one delivered body, with the usage and references kept true. */
    private void fill(Account account, int count) throws SQLException {
        DeliveredMessage first = mailboxes.deliver(account, TestMailboxes.message("bulk", "x\r\n"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "with added as (insert into message (account_id, uidl, header_prefix, content_id, size)"
                             + " select m.account_id, 'bulk' || n, m.header_prefix, m.content_id, m.size"
                             + " from message m, generate_series(2, ?) n where m.id = ? returning content_id, size),"
                             + " refs as (update content set ref_count = ref_count + (select count(*) from added)"
                             + " where id = (select distinct content_id from added))"
                             + " update account set used_messages = used_messages + (select count(*) from added),"
                             + " used_bytes = used_bytes + (select coalesce(sum(size), 0) from added),"
                             + " next_uid = next_uid + (select count(*) from added) where id = ?")) {
            ps.setInt(1, count);
            ps.setLong(2, first.messageId());
            ps.setLong(3, account.id());
            ps.executeUpdate();
        }
    }
}
