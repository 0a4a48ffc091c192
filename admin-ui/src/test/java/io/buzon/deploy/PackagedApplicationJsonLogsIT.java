package io.buzon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** With the switch the manifests set, the packaged application writes one JSON object per line. */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(PackagedApplicationJsonLogsIT.JsonLogs.class)
class PackagedApplicationJsonLogsIT {

    public static class JsonLogs extends RandomListenerPorts {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.log.console.json.enabled", "true");
            return overrides;
        }
    }

    @Test
    void everyConsoleLineIsAJsonObject() throws IOException {
        given().when().get("/q/health/ready").then().statusCode(200);
        Path log = Repository.resolve("admin-ui/target/quarkus.log");
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), log + " is empty");
        ObjectMapper json = new ObjectMapper();
        boolean sawStartup = false;
        for (String line : lines) {
            // The JVM's own notice about JAVA_TOOL_OPTIONS is printed before logging starts.
            if (line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                continue;
            }
            JsonNode record;
            try {
                record = json.readTree(line);
            } catch (IOException e) {
                fail("not a JSON line: " + line);
                return;
            }
            assertTrue(record.hasNonNull("timestamp") && record.hasNonNull("level") && record.hasNonNull("message"), line);
            sawStartup |= record.path("message").asText().contains("started in");
        }
        assertTrue(sawStartup, "the startup line is among " + lines.size() + " JSON lines");
    }
}
