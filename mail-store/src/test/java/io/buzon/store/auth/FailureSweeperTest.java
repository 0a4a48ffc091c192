package io.buzon.store.auth;

import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class FailureSweeperTest {

    @Inject
    FailureSweeper sweeper;

    @Inject
    LoginThrottle throttle;

    @Inject
    DataSource dataSource;

    @Test
    void removesCountersOlderThanKeepAndLeavesRecentOnes() throws Exception {
        String old = "sprayed-" + UUID.randomUUID() + "@nowhere.test";
        String recent = "recent-" + UUID.randomUUID() + "@nowhere.test";
        LoginThrottle.Limits never = new LoginThrottle.Limits(0, 0, Duration.ofMinutes(15), Duration.ofMinutes(15), 0,
                Duration.ofMinutes(15), Duration.ofMinutes(15));
        throttle.recordFailure(old, null, never);
        throttle.recordFailure(recent, null, never);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update auth_failure set window_start = now() - interval '2 days' where subject = ?")) {
            s.setString(1, old);
            assertEquals(1, s.executeUpdate());
        }

        assertTrue(sweeper.sweep() >= 1);

        assertTrue(throttle.state(old).counters().isEmpty(), "a counter two days old is gone");
        assertEquals(1, throttle.state(recent).counters().get(0).failures(), "a fresh counter stays");
    }
}
