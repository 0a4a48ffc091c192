package io.buzon.store.stats;

import io.buzon.store.ValidationException;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LoginStatsTest {

    @Inject
    LoginStats stats;

    @Inject
    StoreFixtures fixtures;

    @Test
    void countsPerHourServiceAndOutcome() {
        String service = "t" + (System.nanoTime() % 100000);
        stats.record(service, "success");
        stats.record(service, "success");
        stats.record(service, "failure");
        // an old bucket outside the window
        fixtures.execute("insert into login_stat (bucket, service, outcome, count)"
                + " values (date_trunc('hour', now()) - interval '24 hours', ?, 'success', 50)", service);

        // Totals, not one bucket: the test must not depend on the hour not changing while it runs.
        List<LoginCount> mine = stats.last24Hours().stream().filter(c -> c.service().equals(service)).toList();
        assertEquals(2, mine.stream().filter(c -> c.outcome().equals("success")).mapToLong(LoginCount::count).sum());
        assertEquals(1, mine.stream().filter(c -> c.outcome().equals("failure")).mapToLong(LoginCount::count).sum());
        Instant windowStart = Instant.ofEpochSecond(
                fixtures.queryLong("select extract(epoch from date_trunc('hour', now()) - interval '23 hours')::bigint"));
        for (LoginCount c : mine) {
            assertEquals(0, c.hour().getEpochSecond() % 3600, "buckets are whole hours");
            assertTrue(!c.hour().isBefore(windowStart.minusSeconds(3600)), "only the last 24 hours: " + c);
        }
        assertTrue(mine.size() >= 2 && mine.size() <= 4, "one bucket per hour and outcome: " + mine);
        assertThrows(ValidationException.class, () -> stats.record("POP3 ", "ok"));
    }
}
