package io.buzon.store.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartInTheSameDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data);
             Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("create table kept(v text)");
            s.execute("insert into kept values ('still here')");
        }
        assertTrue(data.resolve("PG_VERSION").toFile().exists());
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data);
             Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v, current_setting('server_version_num')::int from kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
            assertTrue(rs.getInt(2) >= 170000, "PostgreSQL 17 expected");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data);
             Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('max_wal_size'), current_setting('checkpoint_timeout')")) {
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1), "a persistent mail store must fsync");
            assertEquals("on", rs.getString(2));
            assertEquals("4GB", rs.getString(3), "checkpoints spaced for a stream of message bodies");
            assertEquals("15min", rs.getString(4));
        }
    }

    @Test
    void connectionsNeedTheGeneratedPasswordKeptForItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data)) {
            Path passwordFile = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            String password = Files.readString(passwordFile).strip();
            assertTrue(password.length() >= 24, password);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals(password, db.quarkusDatasourceProperties().get("quarkus.datasource.password"));
            String url = "jdbc:postgresql://localhost:" + db.port() + "/postgres";
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres"));
            assertEquals("28P01", refused.getSQLState(), "password authentication failed");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "?user=postgres"));
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                assertTrue(c.isValid(5));
            }
        }
        // the next start reads the same password
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data);
             Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            assertTrue(c.isValid(5));
        }
    }

    /**
     * kill -9 of the application leaves its PostgreSQL running on the data directory; the next start stops
     * that orphan and starts on the first attempt, with every committed row. While the first application
     * is still alive, a second one on the same directory is refused with a message, not a stack trace.
     */
    @Test
    void aStartAfterKillNineSucceedsAndASecondLiveInstanceIsRefused(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        Process first = startChild(data);
        try {
            DataDirectoryInUseException inUse = assertThrows(DataDirectoryInUseException.class,
                    () -> EmbeddedDatabase.startPersistent(data));
            assertTrue(inUse.getMessage().contains("Another Buzón (process " + first.pid() + ")"), inUse.getMessage());
            assertTrue(inUse.getMessage().contains("BUZON_DATA_DIR"), inUse.getMessage());
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        }
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                "the killed application's PostgreSQL is still running: the case this handles");

        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data);
             Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from kept")) {
            assertTrue(rs.next());
            assertEquals("committed before kill -9", rs.getString(1));
        }
        assertTrue(ProcessHandle.of(orphan).map(p -> !p.isAlive()).orElse(true), "the orphan was stopped");
    }

    /** Starts {@link Child} in its own JVM and waits until it has committed a row. */
    private static Process startChild(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                data.toString())).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                return p;
            }
        }
        throw new AssertionError("the child JVM ended before its database was ready");
    }

    /** A stand-in for the application: starts the embedded database, commits a row, waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.startPersistent(Path.of(args[0]));
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create table kept(v text)");
                s.execute("insert into kept values ('committed before kill -9')");
            }
            System.out.println("READY");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // until killed
        }
    }
}
