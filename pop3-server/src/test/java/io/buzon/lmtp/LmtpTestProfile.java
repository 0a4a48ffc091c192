package io.buzon.lmtp;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Configuration of the LMTP and import tests: real PostgreSQL (from PostgresTestResource), random ports,
 * a limit that a 50 MB message fits under.
 */
public class LmtpTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.db-kind", "postgresql"),
                Map.entry("quarkus.flyway.migrate-at-start", "true"),
                Map.entry("quarkus.hibernate-orm.schema-management.strategy", "none"),
                Map.entry("quarkus.devservices.enabled", "false"),
                Map.entry("quarkus.http.test-port", "0"),
                Map.entry("buzon.lmtp.port", "0"),
                Map.entry("buzon.lmtp.host", "127.0.0.1"),
                Map.entry("buzon.lmtp.hostname", "lmtp.test"),
                Map.entry("buzon.lmtp.max-message-size", String.valueOf(64L * 1024 * 1024)),
                Map.entry("buzon.pop3.port", "0"),
                Map.entry("buzon.pop3s.port", "0"));
    }
}
