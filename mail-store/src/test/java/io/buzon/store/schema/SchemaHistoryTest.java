package io.buzon.store.schema;

import io.buzon.store.embedded.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema has one owner (mail-store's {@code db/migration}) and one history, applied in version order
 * with {@code out-of-order} off. Release 0.1.0 is the last that ran Flyway out of order; its migrations are
 * listed with their checksums in {@code releases/0.1.0-migrations.txt}.
 *
 * <ul>
 *   <li>a released migration is never edited or removed, and every new one is above the release's highest
 *       version, in one ascending sequence;</li>
 *   <li>upgrade: a database built by 0.1.0's migrations, holding 0.1.0 data, migrates to HEAD and ends
 *       with exactly the schema a fresh database gets;</li>
 *   <li>rollback: 0.1.0's code, started on the upgraded database, validates it (newer migrations are
 *       "future" to it) and finds every table and column it uses, unchanged, and can still insert rows:
 *       a column added since is nullable or has a default.</li>
 * </ul>
 */
class SchemaHistoryTest {

    private static final String RELEASE = "0.1.0";
    private static EmbeddedDatabase postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.startTemporary();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void releasedMigrationsAreUnchangedAndNewOnesAscendAboveTheRelease() throws Exception {
        Map<String, Integer> released = releasedChecksums();
        String db = newDatabase();
        Map<String, MigrationInfo> resolved = new LinkedHashMap<>();
        for (MigrationInfo info : flyway(db).load().info().all()) {
            resolved.put(info.getVersion().getVersion(), info);
        }
        for (Map.Entry<String, Integer> r : released.entrySet()) {
            MigrationInfo now = resolved.get(r.getKey());
            if (now == null) {
                fail("released migration V" + r.getKey() + " is gone");
            }
            assertEquals(r.getValue(), now.getChecksum(), "released migration V" + r.getKey() + " was edited");
        }
        MigrationVersion releaseMax = releaseMax(released);
        List<MigrationVersion> newer = resolved.values().stream().map(MigrationInfo::getVersion)
                .filter(v -> !released.containsKey(v.getVersion())).toList();
        assertFalse(newer.isEmpty(), "this test has nothing to check until a migration follows the release");
        for (MigrationVersion v : newer) {
            assertTrue(v.isNewerThan(releaseMax), "V" + v + " is not above the released V" + releaseMax
                    + ": new migrations go above the current maximum, never into a gap");
        }
    }

    @Test
    void aReleasedDatabaseUpgradesToExactlyTheSchemaOfAFreshOne() throws Exception {
        String upgraded = newDatabase();
        flyway(upgraded).target(releaseMax(releasedChecksums())).load().migrate();
        long adminId = seedReleaseData(upgraded);
        flyway(upgraded).load().migrate();

        String fresh = newDatabase();
        flyway(fresh).load().migrate();

        assertEquals(schema(fresh), schema(upgraded));
        // V61 carried the by-name grant of an existing domain over to its id, and dropped the dangling one
        try (Connection c = connect(upgraded); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select d.name from console_admin_grant g join domain d on d.id = g.domain_id"
                     + " where g.admin_id = " + adminId)) {
            assertTrue(rs.next());
            assertEquals("granted.test", rs.getString(1));
            assertFalse(rs.next(), "the grant of a domain that does not exist was not carried over");
        }
    }

    @Test
    void theReleasedCodeStartsAndWritesOnTheUpgradedSchema() throws Exception {
        Map<String, Integer> released = releasedChecksums();
        String release = newDatabase();
        flyway(release).target(releaseMax(released)).load().migrate();
        Map<String, Column> releaseColumns = columns(release);

        String upgraded = newDatabase();
        flyway(upgraded).target(releaseMax(released)).load().migrate();
        flyway(upgraded).load().migrate();

        // 0.1.0 ran Flyway with its own migrations and out-of-order on; the newer ones are "future" to it,
        // which Flyway's default ignore pattern (*:future) accepts: validation passes, migrate does nothing.
        Path releaseMigrations = releaseMigrationsCopy(released);
        Flyway releaseFlyway = Flyway.configure().dataSource(url(upgraded), "postgres", "postgres")
                .locations("filesystem:" + releaseMigrations).outOfOrder(true).load();
        releaseFlyway.validate();
        assertEquals(0, releaseFlyway.migrate().migrationsExecuted);

        Map<String, Column> upgradedColumns = columns(upgraded);
        for (Map.Entry<String, Column> c : releaseColumns.entrySet()) {
            assertEquals(c.getValue(), upgradedColumns.get(c.getKey()),
                    c.getKey() + " changed or disappeared: the previous release reads and writes it");
        }
        for (Map.Entry<String, Column> c : upgradedColumns.entrySet()) {
            String table = c.getKey().substring(0, c.getKey().indexOf('.'));
            boolean tableOfRelease = releaseColumns.keySet().stream().anyMatch(k -> k.startsWith(table + "."));
            if (tableOfRelease && !releaseColumns.containsKey(c.getKey())) {
                assertTrue(c.getValue().nullable() || c.getValue().hasDefault(),
                        c.getKey() + " is new, NOT NULL and without a default: the previous release's inserts would fail");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Rows as 0.1.0 wrote them, for the data migrations that follow it to carry over. */
    private static long seedReleaseData(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.executeUpdate("insert into domain (name, enabled, created_at) values ('granted.test', true, now())");
            try (ResultSet rs = s.executeQuery("insert into console_admin (username, password_hash, role)"
                    + " values ('da', 'x', 'DOMAIN_ADMIN') returning id")) {
                rs.next();
                long id = rs.getLong(1);
                s.executeUpdate("insert into console_admin_domain (admin_id, domain) values (" + id + ", 'granted.test'),"
                        + " (" + id + ", 'never-created.test')");
                return id;
            }
        }
    }

    private static FluentConfigurationHolder flyway(String db) {
        return new FluentConfigurationHolder(db);
    }

    /** Flyway as the application runs it: mail-store's migrations, in order. */
    private static final class FluentConfigurationHolder {
        private final org.flywaydb.core.api.configuration.FluentConfiguration config;

        FluentConfigurationHolder(String db) {
            config = Flyway.configure().dataSource(url(db), "postgres", "postgres")
                    .locations("classpath:db/migration").outOfOrder(false);
        }

        FluentConfigurationHolder target(MigrationVersion version) {
            config.target(version);
            return this;
        }

        Flyway load() {
            return config.load();
        }
    }

    private static Map<String, Integer> releasedChecksums() throws IOException {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream("/releases/" + RELEASE + "-migrations.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                checksums.put(f[0], Integer.parseInt(f[1]));
            }
        }
        return checksums;
    }

    private static MigrationVersion releaseMax(Map<String, Integer> released) {
        return released.keySet().stream().map(MigrationVersion::fromVersion)
                .max(MigrationVersion::compareTo).orElseThrow();
    }

    /** The release's migration files only, as its jar held them (they are unchanged: see the first test). */
    private static Path releaseMigrationsCopy(Map<String, Integer> released) throws Exception {
        Path dir = Files.createTempDirectory("release-" + RELEASE);
        URL location = SchemaHistoryTest.class.getClassLoader().getResource("db/migration");
        Path source = Path.of(location.toURI());
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                String version = name.substring(1, name.indexOf("__"));
                if (released.containsKey(version)) {
                    Files.copy(f, dir.resolve(name));
                }
            }
        }
        return dir;
    }

    private static String newDatabase() throws SQLException {
        String name = "schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.executeUpdate("create database " + name);
        }
        return name;
    }

    private static String url(String db) {
        return "jdbc:postgresql://localhost:" + postgres.port() + "/" + db;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), "postgres", "postgres");
    }

    record Column(String type, boolean nullable, boolean hasDefault) {
    }

    private static Map<String, Column> columns(String db) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(
                "select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default"
                        + " from information_schema.columns where table_schema = 'public'"
                        + " and table_name <> 'flyway_schema_history' order by 1, 2");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String type = rs.getString(3) + (rs.getObject(4) == null ? "" : "(" + rs.getInt(4) + ")");
                columns.put(rs.getString(1) + "." + rs.getString(2),
                        new Column(type, "YES".equals(rs.getString(5)), rs.getString(6) != null));
            }
        }
        return columns;
    }

    /** Tables, columns, indexes and constraints, as text that two databases can be compared by. */
    private static Set<String> schema(String db) throws SQLException {
        Set<String> schema = new TreeSet<>();
        columns(db).forEach((k, v) -> schema.add("column " + k + " " + v));
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select indexdef from pg_indexes where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    schema.add("index " + rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                    + " from pg_constraint where connamespace = 'public'::regnamespace"
                    + " and conrelid::regclass::text <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    schema.add("constraint " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("select event_object_table, trigger_name, action_statement"
                    + " from information_schema.triggers where trigger_schema = 'public'")) {
                while (rs.next()) {
                    schema.add("trigger " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return schema;
    }
}
