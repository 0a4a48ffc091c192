package io.buzon.deploy;

import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asks the running application which {@code buzon.*} keys it knows (every @ConfigMapping default and
 * every key set in its properties) and checks each is in docs/CONFIGURATION.md with the same default.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DocumentedDefaultsTest {

    private final ConfigurationReference reference = ConfigurationReference.load();

    @Test
    void everyKeyTheApplicationKnowsIsDocumentedWithItsDefault() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Set<String> known = new TreeSet<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("buzon."))
                .forEach(known::add);
        assertTrue(known.contains("buzon.ops.health.database-timeout"), "read " + known);

        List<String> undocumented = new ArrayList<>();
        List<String> wrongDefault = new ArrayList<>();
        for (String key : known) {
            ConfigurationReference.Entry entry = reference.byKey().get(key);
            if (entry == null) {
                undocumented.add(key);
                continue;
            }
            ConfigValue value = config.getConfigValue(key);
            // Only a value that comes from a mapping's @WithDefault is the default; tests override others.
            if (value.getSourceName() != null && value.getSourceName().contains("DefaultValues")
                    && !sameValue(entry.defaultValue(), value.getValue())) {
                wrongDefault.add(key + ": documented " + entry.defaultValue() + ", code " + value.getValue());
            }
        }
        assertEquals(List.of(), undocumented, "add these to docs/CONFIGURATION.md");
        assertEquals(List.of(), wrongDefault, "docs/CONFIGURATION.md disagrees with the code");
    }

    private static boolean sameValue(String documented, String actual) {
        if (documented.equals(actual)) {
            return true;
        }
        try {
            Duration a = KubernetesManifestsTest.parseQuarkusDuration(documented);
            Duration b = KubernetesManifestsTest.parseQuarkusDuration(actual);
            return a.equals(b);
        } catch (RuntimeException notDurations) {
            return false;
        }
    }
}
