package io.buzon.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/CONFIGURATION.md is complete for what the manifests and the packaged properties set. */
class ConfigurationReferenceTest {

    private final ConfigurationReference reference = ConfigurationReference.load();

    @Test
    void everyRowNamesTheEnvironmentVariableOfItsKey() {
        assertTrue(reference.byKey().size() >= 20, "parsed only " + reference.byKey().keySet());
        reference.byKey().values().forEach(e ->
                assertEquals(ConfigurationReference.envVarOf(e.key()), e.envVar(), "row of " + e.key()));
    }

    @Test
    void theAgreedKeysAreDocumentedWithTheirAgreedDefaults() {
        assertEquals("true", reference.defaultOf("buzon.pop3.enabled"));
        assertEquals("1110", reference.defaultOf("buzon.pop3.port"));
        assertEquals("true", reference.defaultOf("buzon.pop3s.enabled"));
        assertEquals("1995", reference.defaultOf("buzon.pop3s.port"));
        assertEquals("true", reference.defaultOf("buzon.lmtp.enabled"));
        assertEquals("2424", reference.defaultOf("buzon.lmtp.port"));
        assertEquals("true", reference.defaultOf("buzon.console.enabled"));
        assertEquals("", reference.defaultOf("buzon.tls.cert-file"));
        assertEquals("", reference.defaultOf("buzon.tls.key-file"));
        assertEquals("false", reference.defaultOf("buzon.proxy-protocol.enabled"));
        assertEquals("data", reference.defaultOf("buzon.data-dir"));
        assertEquals("8080", reference.defaultOf("quarkus.http.port"));
    }

    @Test
    void everyEnvironmentVariableInTheManifestsIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        Stream.of("dev", "production").forEach(name -> {
            Overlay overlay = Overlay.render(name, Repository.resolve("deploy/overlays/" + name));
            for (Deployment deployment : overlay.buzonDeployments()) {
                for (String variable : overlay.effectiveEnvironment(deployment).keySet()) {
                    seen.add(variable);
                    if (reference.byEnvVar(variable) == null && !reference.otherEnvVars().contains(variable)) {
                        undocumented.add(name + "/" + deployment.getMetadata().getName() + ": " + variable);
                    }
                }
            }
        });
        assertTrue(seen.contains("BUZON_POP3_PORT") && seen.contains("QUARKUS_DATASOURCE_JDBC_URL"), "read " + seen);
        assertEquals(List.of(), undocumented, "add these to docs/CONFIGURATION.md");
    }

    @Test
    void everyBuzonKeyInTheApplicationPropertiesIsDocumented() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Repository.resolve("admin-ui/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<String> undocumented = properties.stringPropertyNames().stream()
                .map(k -> k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k)
                .filter(k -> k.startsWith("buzon."))
                .filter(k -> !reference.byKey().containsKey(k))
                .sorted().distinct().toList();
        assertEquals(List.of(), undocumented, "add these to docs/CONFIGURATION.md");
    }
}
