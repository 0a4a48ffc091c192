package io.buzon.app;


import io.buzon.store.embedded.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the packaged application. When no datasource is configured (a newcomer's first run) it
 * starts a real PostgreSQL from the embedded binaries, with its files under {@code ./data/postgres}, before
 * Quarkus reads its configuration; production sets {@code QUARKUS_DATASOURCE_JDBC_URL} and skips this.
 */
@QuarkusMain
public final class BuzonMain {

    /** Set to "true" while the embedded database is in use, so the demo data can be seeded. */
    public static final String EMBEDDED_FLAG = "buzon.embedded-database.active";

    private static final Logger LOG = Logger.getLogger(BuzonMain.class);

    private BuzonMain() {
    }

    public static void main(String... args) {
        boolean importing = args.length > 0 && args[0].equals("import");
        boolean administering = args.length > 0 && args[0].equals("admin");
        if (importing || administering) {
            // "import ..." and "admin ...": one-off runs against the same database, with no listener opened
            // and no console (so no bootstrap admin is created by a command-line run).
            for (String listener : new String[] {"buzon.lmtp.enabled", "buzon.pop3.enabled", "buzon.pop3s.enabled",
                    "quarkus.http.host-enabled", "buzon.console.enabled"}) {
                System.setProperty(listener, "false");
            }
        }
        if (!datasourceConfigured()) {
            Path dataDir = Path.of(setting("buzon.data-dir", "BUZON_DATA_DIR", "data"), "postgres");
            LOG.infof("No datasource configured: starting embedded PostgreSQL with data in %s", dataDir.toAbsolutePath());
            EmbeddedDatabase database;
            try {
                database = EmbeddedDatabase.startPersistent(dataDir);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                // a refusal the message explains (the directory is in use, a port is taken): no stack trace
                LOG.error(e.getMessage());
                System.exit(1);
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
            for (Map.Entry<String, String> e : database.quarkusDatasourceProperties().entrySet()) {
                System.setProperty(e.getKey(), e.getValue());
            }
            System.setProperty(EMBEDDED_FLAG, "true");
        }
        if (importing) {
            Quarkus.run(ImportCommand.class, args);
        } else if (administering) {
            Quarkus.run(AdminCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }

    private static boolean datasourceConfigured() {
        return !setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL", "").isBlank();
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
