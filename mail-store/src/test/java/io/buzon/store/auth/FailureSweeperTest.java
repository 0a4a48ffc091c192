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
    LockoutTracker lockout;

    @Inject
    DataSource dataSource;

    @Test
    void removesCountersOlderThanKeepAndLeavesRecentOnes() throws Exception {
        String old = "sprayed-" + UUID.randomUUID() + "@nowhere.test";
        String recent = "recent-" + UUID.randomUUID() + "@nowhere.test";
        lockout.recordFailure(LockoutTracker.LOGIN, old, 1000, Duration.ofMinutes(15), Duration.ofMinutes(15));
        lockout.recordFailure(LockoutTracker.LOGIN, recent, 1000, Duration.ofMinutes(15), Duration.ofMinutes(15));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update auth_failure set window_start = now() - interval '2 days' where subject = ?")) {
            s.setString(1, old);
            assertEquals(1, s.executeUpdate());
        }

        assertTrue(sweeper.sweep() >= 1);

        assertEquals(0, lockout.failures(LockoutTracker.LOGIN, old), "a counter two days old is gone");
        assertEquals(1, lockout.failures(LockoutTracker.LOGIN, recent), "a fresh counter stays");
    }
}
