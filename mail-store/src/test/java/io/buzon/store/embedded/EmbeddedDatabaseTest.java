package io.buzon.store.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
