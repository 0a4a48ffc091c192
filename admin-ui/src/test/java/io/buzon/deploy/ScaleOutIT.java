package io.buzon.deploy;

import io.buzon.store.embedded.EmbeddedDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out as in the production overlay: two application processes (the packaged fast-jar, each on its
 * own ports) on one PostgreSQL, started at the same moment so that both race to migrate the schema; the
 * retention schedule fires on both and purges once. Accounts provisioned through one instance's API get
 * mail over its LMTP; a maildrop locked by a POP3 session on one instance is {@code [IN-USE]} on the other;
 * the other's console lists the sessions of both replicas and ends the first one's session, after which the
 * maildrop opens on either. Finally SIGTERM stops one instance within the pod's grace period.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String ADMIN_PASSWORD = "Scale-Out-Secret-" + UUID.randomUUID();
    private static final String API_KEY = "scale-out-key-" + UUID.randomUUID();
    private static final String PASSWORD = "Lease-Across-Replicas-7q!";
    private static final String ALICE = "alice@scale.example";
    private static final String BOB = "bob@scale.example";

    private static EmbeddedDatabase database;
    private static ApplicationProcess first;
    private static ApplicationProcess second;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws IOException {
        database = EmbeddedDatabase.startTemporary();
        Map<String, String> settings = new HashMap<>(database.quarkusDatasourceProperties());
        // The daily retention purge, fired every 3 s on both instances; the skip is logged at debug level.
        settings.put("buzon.console.retention-schedule", "*/3 * * * * ?");
        settings.put("quarkus.log.category.\"io.buzon.store.retention\".level", "DEBUG");
        // USER/PASS without STLS: this test is about leases across processes, not TLS (the POP3 tests and
        // PackagedApplicationIT cover STLS/POP3S); plain sockets keep it a readable line-by-line dialogue.
        settings.put("buzon.pop3.allow-plaintext-auth", "true");
        // A console "end session" request is seen at the owner's next heartbeat.
        settings.put("buzon.pop3.lease-heartbeat-interval", "1s");
        settings.put("buzon.admin-password", ADMIN_PASSWORD);
        settings.put("buzon.api.key", API_KEY);
        first = ApplicationProcess.start("scale-out-a", settings);
        second = ApplicationProcess.start("scale-out-b", settings);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    @Order(1)
    void bothInstancesBecomeReadyWithTheirListenersBound() throws IOException {
        first.awaitReady(Duration.ofMinutes(4));
        second.awaitReady(Duration.ofMinutes(4));
        for (ApplicationProcess instance : List.of(first, second)) {
            String ready = instance.get("/q/health/ready");
            assertTrue(ready.contains("\"pop3\": " + instance.pop3Port) || ready.contains("\"pop3\":" + instance.pop3Port), ready);
            assertTrue(ready.contains(String.valueOf(instance.lmtpPort)), ready);
            assertTrue(greeting(instance.pop3Port).startsWith("+OK "), instance.name + " POP3");
            assertTrue(greeting(instance.lmtpPort).startsWith("220 "), instance.name + " LMTP");
            assertEquals(200, instance.status("/q/metrics"), instance.name);
        }
    }

    @Test
    @Order(2)
    void theSchemaWasMigratedOnceAlthoughBothStartedTogether() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> duplicates = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "select version from flyway_schema_history where version is not null group by version having count(*) > 1")) {
                while (rows.next()) {
                    duplicates.add(rows.getString(1));
                }
            }
            assertEquals(List.of(), duplicates);
            try (ResultSet rows = statement.executeQuery(
                    "select count(*), count(*) filter (where not success) from flyway_schema_history where version is not null")) {
                rows.next();
                assertTrue(rows.getInt(1) >= 5, "migrations applied: " + rows.getInt(1));
                assertEquals(0, rows.getInt(2), "failed migrations");
            }
        }
    }

    @Test
    @Order(3)
    void theRetentionScheduleFiresOnBothInstancesButPurgesOnce() throws SQLException {
        String ran = "Daily retention run ";
        String skipped = "Daily retention run skipped: another replica holds the lease";
        // Both have fired at least once after the run: each has logged a skip (the winner skips its later fires).
        Awaitility.await("both schedulers fired").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> log(first).contains(skipped) && log(second).contains(skipped));
        long winners = Stream.of(first, second).filter(i -> log(i).lines().anyMatch(l -> l.contains(ran) && !l.contains(skipped))).count();
        assertEquals(1, winners, "exactly one instance ran the purge");
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), count(*) filter (where status = 'finished')"
                     + " from retention_run where actor = 'scheduler'")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "scheduled retention runs recorded");
            assertEquals(1, rows.getInt(2), "finished");
        }
    }

    private static String log(ApplicationProcess instance) {
        try {
            return Files.readString(instance.log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Map<String, String> db = database.quarkusDatasourceProperties();
        return DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
    }

    @Test
    @Order(4)
    void accountsCreatedThroughTheFirstInstancesApiReceiveMailOverItsLmtp() throws Exception {
        HttpResponse<String> domain = first.api("POST", "/api/v1/domains", "{\"name\":\"scale.example\"}", API_KEY);
        assertEquals(201, domain.statusCode(), domain.body());
        for (String login : List.of(ALICE, BOB)) {
            HttpResponse<String> created = first.api("POST", "/api/v1/accounts",
                    "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}", API_KEY);
            assertEquals(201, created.statusCode(), created.body());
        }
        // The second instance sees the accounts at once: there is one database and no per-instance cache.
        HttpResponse<String> seen = second.api("GET", "/api/v1/accounts/" + ALICE, null, API_KEY);
        assertEquals(200, seen.statusCode(), seen.body());
        assertTrue(seen.body().contains("\"login\":\"" + ALICE + "\""), seen.body());

        try (LineSession lmtp = LineSession.open(first.lmtpPort)) {
            assertTrue(lmtp.readLine().startsWith("220 "));
            lmtp.send("LHLO scale-out.test");
            String line;
            do {
                line = lmtp.readLine();
                assertTrue(line.startsWith("250"), line);
            } while (line.startsWith("250-"));
            assertTrue(lmtp.command("MAIL FROM:<sender@elsewhere.test>").startsWith("250 "));
            assertTrue(lmtp.command("RCPT TO:<" + ALICE + ">").startsWith("250 "));
            assertTrue(lmtp.command("RCPT TO:<" + BOB + ">").startsWith("250 "));
            assertTrue(lmtp.command("DATA").startsWith("354 "));
            lmtp.send("From: <sender@elsewhere.test>\r\nSubject: scale-out\r\n\r\n" + MESSAGE_BODY + "\r\n.");
            // LMTP answers once per accepted recipient (RFC 2033).
            assertTrue(lmtp.readLine().startsWith("250 "), "first recipient");
            assertTrue(lmtp.readLine().startsWith("250 "), "second recipient");
            assertTrue(lmtp.command("QUIT").startsWith("221 "));
        }
    }

    private static final String MESSAGE_BODY = "Delivered on one replica, read on either.";

    @Test
    @Order(5)
    void aMaildropLockedOnOneInstanceIsInUseOnTheOtherAndTheOtherConsoleEndsTheSession() throws Exception {
        try (LineSession alice = LineSession.open(first.pop3Port); LineSession bob = LineSession.open(second.pop3Port)) {
            String stat = login(alice, ALICE);
            assertTrue(stat.startsWith("+OK 1 "), stat);
            login(bob, BOB);

            try (LineSession again = LineSession.open(second.pop3Port)) {
                assertTrue(again.readLine().startsWith("+OK "));
                assertTrue(again.command("USER " + ALICE).startsWith("+OK"));
                String refused = again.command("PASS " + PASSWORD);
                assertTrue(refused.startsWith("-ERR [IN-USE]"), refused);
            }

            // The second instance's console lists both sessions, each with its replica's instance id.
            Console console = Console.logIn(second, ADMIN_PASSWORD);
            String page = console.get("/console/sessions");
            String aliceInstance = leaseInstance(ALICE);
            String bobInstance = leaseInstance(BOB);
            assertNotEquals(aliceInstance, bobInstance, "the two replicas have distinct instance ids");
            assertTrue(page.contains(">" + ALICE + "<"), page);
            assertTrue(page.contains(">" + BOB + "<"), page);
            assertTrue(page.contains(">" + aliceInstance + "<"), page);
            assertTrue(page.contains(">" + bobInstance + "<"), page);

            // Ending the first instance's session from the second: the owner sees it at its next heartbeat.
            HttpResponse<String> ended = console.post("/console/sessions/" + accountId(ALICE) + "/end", Console.csrfOf(page));
            assertEquals(303, ended.statusCode(), ended.body());
            assertTrue(ended.headers().firstValue("Location").orElse("").contains("done_sessionEnding"), ended.headers().toString());
            // Unsolicited last line, then the connection closes; the read's deadline is ten heartbeats.
            String last = alice.readLine(Duration.ofSeconds(10));
            assertTrue(last != null && last.startsWith("-ERR [SYS/TEMP]"), String.valueOf(last));
            assertEquals(null, alice.readLine(Duration.ofSeconds(10)), "connection closed after the last -ERR");

            // The lease is released: the second instance lets the same account in and keeps the message.
            try (LineSession onSecond = LineSession.open(second.pop3Port)) {
                String statThere = login(onSecond, ALICE);
                assertEquals(stat, statThere);
                // The message delivered over the first instance's LMTP, read on the second.
                assertTrue(onSecond.command("RETR 1").startsWith("+OK"));
                List<String> lines = new ArrayList<>();
                for (String line = onSecond.readLine(); !line.equals("."); line = onSecond.readLine()) {
                    lines.add(line);
                }
                assertTrue(lines.contains("Subject: scale-out"), lines.toString());
                assertEquals(MESSAGE_BODY, lines.get(lines.size() - 1), lines.toString());
                assertTrue(onSecond.command("QUIT").startsWith("+OK"));
            }
            assertTrue(bob.command("QUIT").startsWith("+OK"));
        }
        // After QUIT on the second instance, the first can lock the maildrop again.
        try (LineSession back = LineSession.open(first.pop3Port)) {
            assertTrue(login(back, BOB).startsWith("+OK 1 "));
            assertTrue(back.command("QUIT").startsWith("+OK"));
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from maildrop_lease")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "leases left after QUIT");
        }
    }

    /** USER/PASS then STAT; returns the STAT line. */
    private static String login(LineSession pop3, String account) throws IOException {
        assertTrue(pop3.readLine().startsWith("+OK "));
        assertTrue(pop3.command("USER " + account).startsWith("+OK"));
        String pass = pop3.command("PASS " + PASSWORD);
        assertTrue(pass.startsWith("+OK"), account + ": " + pass);
        return pop3.command("STAT");
    }

    private static String leaseInstance(String login) throws SQLException {
        try (Connection connection = connect(); PreparedStatement ps = connection.prepareStatement(
                "select l.instance_id from maildrop_lease l join account a on a.id = l.account_id where a.login = ?")) {
            ps.setString(1, login);
            try (ResultSet rows = ps.executeQuery()) {
                assertTrue(rows.next(), "lease of " + login);
                return rows.getString(1);
            }
        }
    }

    private static long accountId(String login) throws SQLException {
        try (Connection connection = connect(); PreparedStatement ps = connection.prepareStatement(
                "select id from account where login = ?")) {
            ps.setString(1, login);
            try (ResultSet rows = ps.executeQuery()) {
                assertTrue(rows.next(), login);
                return rows.getLong(1);
            }
        }
    }

    @Test
    @Order(6)
    void sigtermStopsAnInstanceWithinThePodsGracePeriodAndTheOtherKeepsServing() throws InterruptedException, IOException {
        // terminationGracePeriodSeconds in deploy/base is 30 s, of which preStop takes 5.
        Duration took = second.terminate(Duration.ofSeconds(25));
        assertTrue(took.toSeconds() < 25, "exit took " + took);
        assertEquals(200, first.status("/q/health/ready"));
        assertTrue(greeting(first.pop3Port).startsWith("+OK "));
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
