package io.buzon.pop3.it;

import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database really goes away: PostgreSQL stops accepting connections to the database and every
 * other session to it is terminated. POP3 answers -ERR [SYS/TEMP] (no hang, no crash, no lost mail) and
 * serves again once the database is back.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class Pop3DatabaseOutageTest {

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    @Inject
    DataSource dataSource;

    @Test
    void databaseOutageGivesSysTempAndServiceResumes() throws Exception {
        Account account = mailboxes.newAccount();
        String message = TestMailboxes.message("outage", "survives\r\n");
        mailboxes.deliver(account, message);

        // PostgreSQL only switches connections off for a database from a session in another database.
        try (Connection probe = dataSource.getConnection()) {
            database = probe.getCatalog();
        }
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String maintenanceUrl = url.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(\\?|$)", "/template1$1");
        try (Connection admin = java.sql.DriverManager.getConnection(maintenanceUrl,
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
             RawPop3 inTransaction = stls()) {
            inTransaction.command("USER " + account.login());
            assertTrue(inTransaction.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK Logged in, 1 messages"));
            assertEquals("+OK Message 1 marked for deletion\r\n", inTransaction.command("DELE 1"));
            outage(admin, database, true);
            try {
                try (RawPop3 pop = stls()) {
                    pop.command("USER " + account.login());
                    assertEquals("-ERR [SYS/TEMP] Temporary server failure, try again later\r\n",
                            pop.command("PASS " + TestMailboxes.PASSWORD));
                    // the session stays usable
                    assertEquals("+OK Send PASS\r\n", pop.command("USER " + account.login()));
                }
                // the snapshot is in memory: listing still works; reading the message needs the store
                assertEquals("+OK 0 0\r\n", inTransaction.command("STAT"));
                assertEquals("+OK 1 messages (" + message.length() + " octets)\r\n", inTransaction.command("RSET"));
                assertEquals("-ERR [SYS/TEMP] Temporary server failure, try again later\r\n", inTransaction.command("RETR 1"));
                assertEquals("+OK Message 1 marked for deletion\r\n", inTransaction.command("DELE 1"));
                assertEquals("-ERR [SYS/TEMP] Update failed, no messages were deleted\r\n", inTransaction.command("QUIT"));
            } finally {
                outage(admin, database, false);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (RawPop3 pop = stls()) {
                pop.command("USER " + account.login());
                assertEquals("+OK Logged in, 1 messages (" + message.length() + " octets)\r\n",
                        pop.command("PASS " + TestMailboxes.PASSWORD));
                pop.write("RETR 1\r\n");
                assertEquals("+OK " + message.length() + " octets\r\n" + message + ".\r\n", pop.readMultiLine());
            }
        });
    }

    private String database;

    private static void outage(Connection admin, String database, boolean down) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("alter database \"" + database + "\" allow_connections " + !down);
            if (down) {
                try (var terminate = admin.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = ?")) {
                    terminate.setString(1, database);
                    terminate.execute();
                }
            }
        }
    }

    private RawPop3 stls() throws java.io.IOException {
        RawPop3 pop = RawPop3.plain(listeners.pop3Port());
        pop.readLine();
        pop.command("STLS");
        pop.startTls(TestTls.socketFactory(listeners.server().certificatePem()));
        return pop;
    }
}
