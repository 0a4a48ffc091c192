package io.buzon.store.delivery;

import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The background sweeper removes a hold its deliverer never released, without anyone calling it. */
@QuarkusTest
@TestProfile(StagingSweeperTest.FastSweep.class)
@WithTestResource(PostgresTestResource.class)
class StagingSweeperTest {

    public static class FastSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("buzon.store.staging.sweep-interval", "200ms",
                    "buzon.store.staging.abandon-after", "2s");
        }
    }

    @Inject
    StoreFixtures fixtures;

    @Test
    void forgottenStagingIsCollected() {
        StagedContent forgotten = fixtures.stage(StoreFixtures.uniqueBody("crashed before release"));
        assertEquals(1, fixtures.queryLong("select count(*) from content where id = ?", forgotten.contentId()));
        await("abandoned staging swept").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> fixtures.queryLong("select count(*) from content where id = ?", forgotten.contentId()) == 0);
        assertEquals(0, fixtures.queryLong("select count(*) from content_hold where content_id = ?", forgotten.contentId()));
    }
}
