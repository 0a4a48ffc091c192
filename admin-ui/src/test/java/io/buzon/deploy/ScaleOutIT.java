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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out as in the production overlay: two application processes (the packaged fast-jar, each on its
 * own ports) on one PostgreSQL, started at the same moment so that both race to migrate the schema; the
 * retention schedule fires on both and purges once. The maildrop lock across servers ([IN-USE]) is tested
 * by pop3-server's Pop3ServerBehaviourTest with two servers in one JVM; across two processes it needs
 * POP3 logins checked against the database (the POP3 module still uses InterimCredentials).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static EmbeddedDatabase database;
    private static ApplicationProcess first;
    private static ApplicationProcess second;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws IOException {
        database = EmbeddedDatabase.startTemporary();
        Map<String, String> settings = new HashMap<>(database.quarkusDatasourceProperties());
        // The daily retention purge, fired every 3 s on both instances; the skip is logged at debug level.
        settings.put("buzon.console.retention-schedule", "*/3 * * * * ?");
        settings.put("quarkus.log.category.\"io.buzon.console.retention\".level", "DEBUG");
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
