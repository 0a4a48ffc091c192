package io.buzon.store.embedded;

import io.buzon.store.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A real PostgreSQL server run from binaries on the class path, for a newcomer's first run and for tests.
 * Production points Quarkus at its own PostgreSQL and never starts this.
 *
 * <p>Runs as root too: the zonky launcher re-executes initdb/postgres in a user namespace in that case.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The password file beside the cluster directory, readable only by its owner. */
    static final String PASSWORD_FILE = "postgres.password";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts PostgreSQL keeping its files under {@code dataDirectory}, so mail survives a restart.
     * An existing cluster in that directory is reused, never wiped. The launcher's test defaults trade
     * durability for speed ({@code -F}, asynchronous commit); mail must survive a crash too, so both are
     * switched back on here ({@code -c} settings come after {@code -F} and win). Checkpoints are spaced
     * for a mail store, which writes every message body into the WAL: with the stock 1 GB
     * {@code max_wal_size} a steady LMTP stream forced a checkpoint every few seconds, and each one makes
     * the next write of every page a full-page image (more WAL, more fsync time per delivery).
     *
     * <p>A server left running on the directory by a run that was killed is stopped first (its WAL keeps
     * every commit); one still owned by a live Buzón is refused with {@link DataDirectoryInUseException}.
     * Connections need a password: generated at the first start, kept in {@value #PASSWORD_FILE} beside
     * the cluster directory (mode 600), so another local user cannot read the mail through the port.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
            stopLeftover(directory);
            Path passwordFile = directory.resolveSibling(PASSWORD_FILE);
            Optional<String> password = readPassword(passwordFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min");
            password.ifPresent(p -> builder.setConnectConfig("password", p));
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL in " + directory + ": "
                        + rootMessage(e), e);
            }
            String actual = password.isPresent() ? password.get() : protect(postgres, directory, passwordFile);
            return new EmbeddedDatabase(postgres, actual);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL in " + directory, e);
        }
    }

    /** Starts a throw-away PostgreSQL in a temporary directory that is removed on close. */
    public static EmbeddedDatabase startTemporary() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder().start(), "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** A JDBC URL with the user and password in it (for tools and tests; the application gets them apart). */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres?user=postgres&password=" + password;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The Quarkus datasource properties that point at this server. */
    public Map<String, String> quarkusDatasourceProperties() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", password);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopLeftover(Path directory) {
        Optional<LeftoverServer> leftover = LeftoverServer.find(directory);
        if (leftover.isEmpty()) {
            return;
        }
        LeftoverServer server = leftover.get();
        Optional<ProcessHandle> owner = server.liveOwner(directory);
        if (owner.isPresent()) {
            String who = owner.get().pid() == ProcessHandle.current().pid() ? "Another Buzón"
                    : "Another Buzón (process " + owner.get().pid() + ")";
            throw new DataDirectoryInUseException(who + " is already running PostgreSQL (process " + server.pid() + ") on " + directory
                    + ". Stop it first, or give this one its own data directory (BUZON_DATA_DIR).");
        }
        LOG.warnf("PostgreSQL (process %d) was still running on %s, left by a run that did not stop cleanly;"
                + " stopping it before starting again (committed mail is kept)", server.pid(), directory);
        if (!server.stop(Duration.ofSeconds(30))) {
            throw new DataDirectoryInUseException("PostgreSQL (process " + server.pid() + ") left running on "
                    + directory + " by an earlier run does not stop; stop it by hand (kill " + server.pid() + ")");
        }
    }

    private static Optional<String> readPassword(Path passwordFile) throws IOException {
        if (!Files.isRegularFile(passwordFile)) {
            return Optional.empty();
        }
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /**
     * Gives the {@code postgres} role a generated password and makes TCP connections need it (the
     * launcher's {@code initdb} trusts every local connection): on the first start, and on a cluster an
     * earlier version created.
     */
    private static String protect(EmbeddedPostgres postgres, Path directory, Path passwordFile) throws IOException {
        String password = Secrets.randomToken(24);
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warnf("cannot restrict %s to its owner on this file system", passwordFile);
        }
        Path hba = directory.resolve("pg_hba.conf");
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        Files.writeString(hba, rules.replaceAll("(?m)^(host\\S*\\s.*\\s)trust\\s*$", "$1scram-sha-256"),
                StandardCharsets.UTF_8);
        Properties trusted = new Properties();
        trusted.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", trusted);
             Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter role postgres password '" + password + "'");
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password: " + e.getMessage(), e);
        }
        LOG.infof("The embedded PostgreSQL now requires a password for connections; it is kept in %s", passwordFile);
        return password;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
