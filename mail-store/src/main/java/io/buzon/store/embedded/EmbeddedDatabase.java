package io.buzon.store.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server run from binaries on the class path, for a newcomer's first run and for tests.
 * Production points Quarkus at its own PostgreSQL and never starts this.
 *
 * <p>Runs as root too: the zonky launcher re-executes initdb/postgres in a user namespace in that case.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL keeping its files under {@code dataDirectory}, so mail survives a restart.
     * An existing cluster in that directory is reused, never wiped. The launcher's test defaults trade
     * durability for speed ({@code -F}, asynchronous commit); mail must survive a crash too, so both are
     * switched back on here ({@code -c} settings come after {@code -F} and win). Checkpoints are spaced
     * for a mail store, which writes every message body into the WAL: with the stock 1 GB
     * {@code max_wal_size} a steady LMTP stream forced a checkpoint every few seconds, and each one makes
     * the next write of every page a full-page image (more WAL, more fsync time per delivery).
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toAbsolutePath().toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Starts a throw-away PostgreSQL in a temporary directory that is removed on close. */
    public static EmbeddedDatabase startTemporary() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    /** The Quarkus datasource properties that point at this server. */
    public Map<String, String> quarkusDatasourceProperties() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
