package io.buzon.store.testing;

import io.buzon.store.embedded.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL: the server named by {@code BUZON_TEST_DB_URL}
 * (with {@code BUZON_TEST_DB_USER} / {@code BUZON_TEST_DB_PASSWORD}) when set, otherwise an embedded one.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("BUZON_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", envOr("BUZON_TEST_DB_USER", "postgres"),
                    "quarkus.datasource.password", envOr("BUZON_TEST_DB_PASSWORD", "postgres"));
        }
        database = EmbeddedDatabase.startTemporary();
        return database.quarkusDatasourceProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
