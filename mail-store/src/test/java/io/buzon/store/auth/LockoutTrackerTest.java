package io.buzon.store.auth;

import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LockoutTrackerTest {

    @Inject
    LockoutTracker lockout;

    @Test
    void concurrentFailuresOnSeparateConnectionsAreAllCounted() throws Exception {
        // Each call uses its own pooled connection, as separate replicas would.
        String login = "race-" + UUID.randomUUID() + "@example.test";
        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                calls.add(() -> lockout.recordFailure(LockoutTracker.LOGIN, login, 1000, Duration.ofMinutes(5),
                        Duration.ofMinutes(5)));
            }
            Set<Integer> counts = new TreeSet<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                counts.add(f.get());
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 1; i <= attempts; i++) {
                expected.add(i);
            }
            assertEquals(expected, counts, "every failure saw a distinct count: none lost");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(lockout.isLocked(login, null));
    }

    @Test
    void locksAtThresholdForLoginAndAddressSeparately() {
        String login = "t-" + UUID.randomUUID() + "@example.test";
        String address = "2001:db8::" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xffff);
        assertEquals(1, lockout.recordFailure(LockoutTracker.LOGIN, login, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertFalse(lockout.isLocked(login, address));
        assertEquals(2, lockout.recordFailure(LockoutTracker.LOGIN, login, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertTrue(lockout.isLocked(login, null));
        assertTrue(lockout.isLocked(login, address));
        assertFalse(lockout.isLocked("other-" + login, address));
        lockout.clear(LockoutTracker.LOGIN, login);
        assertFalse(lockout.isLocked(login, address));

        assertEquals(1, lockout.recordFailure(LockoutTracker.ADDRESS, address, 1, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertTrue(lockout.isLocked("anyone@example.test", address));
    }

    @Test
    void windowRestartsTheCountAndFinishedCountersAreForgotten() {
        String login = "w-" + UUID.randomUUID() + "@example.test";
        Duration window = Duration.ofMillis(300);
        assertEquals(1, lockout.recordFailure(LockoutTracker.LOGIN, login, 0, window, Duration.ofMinutes(1)));
        assertEquals(2, lockout.recordFailure(LockoutTracker.LOGIN, login, 0, window, Duration.ofMinutes(1)));
        assertEquals(2, lockout.failures(LockoutTracker.LOGIN, login));
        // Once the window has passed, the next failure starts a new count.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> lockout.recordFailure(LockoutTracker.LOGIN, login, 0, window, Duration.ofMinutes(1)) == 1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> lockout.forgetExpired(window) >= 0 && lockout.failures(LockoutTracker.LOGIN, login) == 0);
    }
}
