package io.buzon.store.lock;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDI lock service plays one replica; a second replica is a separate {@link MaildropLockService}
 * with its own instance id on its own plain JDBC data source (no pool, no CDI, no shared state).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MaildropLockTest {

    @Inject
    MaildropLockService locks;

    @Inject
    AccountService accounts;

    @Inject
    StoreFixtures fixtures;

    PGSimpleDataSource otherReplicaDataSource;

    @BeforeEach
    void otherReplica() {
        var config = ConfigProvider.getConfig();
        otherReplicaDataSource = new PGSimpleDataSource();
        otherReplicaDataSource.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class));
        otherReplicaDataSource.setUser(config.getValue("quarkus.datasource.username", String.class));
        otherReplicaDataSource.setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    @Test
    void onlyOneReplicaHoldsAMaildropUntilRelease() {
        MaildropLockService replicaB = new MaildropLockService(otherReplicaDataSource, Duration.ofMinutes(2), Duration.ofMinutes(2), "replica-b");
        Account account = fixtures.newAccount();

        Lease a = locks.tryAcquire(account.id(), "s1", "192.0.2.1", true).orElseThrow();
        assertEquals(locks.instanceId() + "/s1", a.ownerId());
        assertTrue(a.expiresAt().isAfter(a.acquiredAt()));
        assertEquals(Optional.empty(), replicaB.tryAcquire(account.id(), "s9", "192.0.2.9", false));
        assertEquals(Optional.empty(), locks.tryAcquire(account.id(), "s2", "192.0.2.2", false));
        assertEquals(LeaseStatus.HELD, locks.status(a));

        locks.release(a);
        assertEquals(LeaseStatus.LOST, locks.status(a));
        Lease b = replicaB.tryAcquire(account.id(), "s9", "192.0.2.9", false).orElseThrow();
        assertEquals("replica-b/s9", b.ownerId());
        // a stale release by the former holder must not free the new holder's lease
        locks.release(a);
        assertEquals(LeaseStatus.HELD, replicaB.status(b));
        replicaB.release(b);
        assertTrue(locks.tryAcquire(account.id(), "s3", "192.0.2.3", false).isPresent());
    }

    @Test
    void simultaneousAttemptsFromTwoReplicasYieldExactlyOneLease() throws Exception {
        MaildropLockService replicaB = new MaildropLockService(otherReplicaDataSource, Duration.ofMinutes(2), Duration.ofMinutes(2), "replica-b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                Account account = fixtures.newAccount();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<Lease>>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    MaildropLockService replica = i % 2 == 0 ? locks : replicaB;
                    String session = "race-" + i;
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return replica.tryAcquire(account.id(), session, "192.0.2.100", false);
                    }));
                }
                start.countDown();
                List<Lease> winners = new ArrayList<>();
                for (Future<Optional<Lease>> attempt : attempts) {
                    attempt.get().ifPresent(winners::add);
                }
                assertEquals(1, winners.size(), "round " + round);
                assertEquals(1, fixtures.queryLong("select count(*) from maildrop_lease where account_id = ?", account.id()));
                assertEquals(winners.get(0).ownerId(), locks.listActive().stream()
                        .filter(s -> s.accountId() == account.id()).findFirst().orElseThrow().ownerId());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void crashedHoldersLeaseExpiresAndCannotBeRevived() {
        MaildropLockService crashing = new MaildropLockService(otherReplicaDataSource, Duration.ofMillis(300), Duration.ofMinutes(2), "crashing");
        Account account = fixtures.newAccount();
        Lease dead = crashing.tryAcquire(account.id(), "s1", "198.51.100.1", false).orElseThrow();
        assertTrue(locks.tryAcquire(account.id(), "s2", "198.51.100.2", false).isEmpty());

        // the holder never heartbeats again: the lease becomes free after its TTL
        Lease[] taken = new Lease[1];
        await("expired lease taken over").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            taken[0] = locks.tryAcquire(account.id(), "s2", "198.51.100.2", false).orElse(null);
            return taken[0] != null;
        });
        assertEquals(LeaseStatus.LOST, crashing.status(dead));
        assertEquals(0, crashing.heartbeat());
        assertEquals(LeaseStatus.HELD, locks.status(taken[0]));
        locks.release(taken[0]);
    }

    @Test
    void theLeasesOfADeadInstanceAreFreeOnceItsLivenessExpiresWellBeforeTheirOwnTtl() {
        // a replica with two-minute leases and a 1.5 s liveness window, killed after taking a maildrop
        MaildropLockService killed = new MaildropLockService(otherReplicaDataSource, Duration.ofMinutes(2),
                Duration.ofMillis(1500), "killed-" + UUID.randomUUID());
        Account account = fixtures.newAccount();
        Lease orphan = killed.tryAcquire(account.id(), "s1", "198.51.100.1", true).orElseThrow();
        assertTrue(locks.tryAcquire(account.id(), "s2", "198.51.100.2", false).isEmpty(), "a live holder keeps its maildrop");
        Instant killedAt = Instant.now();

        Lease[] taken = new Lease[1];
        await("lease of the dead instance taken over").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    taken[0] = locks.tryAcquire(account.id(), "s2", "198.51.100.2", false).orElse(null);
                    return taken[0] != null;
                });
        assertTrue(Duration.between(killedAt, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0,
                "taken long before the lease's own two minutes");
        assertEquals(LeaseStatus.LOST, killed.status(orphan), "the old owner can no longer commit under it");
        assertFalse(locks.listActive().stream().anyMatch(s -> s.ownerId().equals(orphan.ownerId())));
        assertEquals(LeaseStatus.HELD, locks.status(taken[0]));
        locks.release(taken[0]);
    }

    @Test
    void aReplicaThatKeepsHeartBeatingKeepsItsLeases() {
        MaildropLockService alive = new MaildropLockService(otherReplicaDataSource, Duration.ofMinutes(2),
                Duration.ofMillis(1500), "alive-" + UUID.randomUUID());
        Account account = fixtures.newAccount();
        Lease held = alive.tryAcquire(account.id(), "s1", "198.51.100.1", false).orElseThrow();
        Instant until = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(until)) {
            alive.heartbeat();
            assertTrue(locks.tryAcquire(account.id(), "s2", "198.51.100.2", false).isEmpty());
            await().pollDelay(Duration.ofMillis(400)).until(() -> true);
        }
        assertEquals(LeaseStatus.HELD, alive.status(held));
        alive.release(held);
    }

    @Test
    void heartbeatRenewsOnlyThisInstancesLeases() {
        MaildropLockService shortLived = new MaildropLockService(otherReplicaDataSource, Duration.ofSeconds(30), Duration.ofMinutes(2), "short");
        Account one = fixtures.newAccount();
        Account two = fixtures.newAccount();
        Lease mine = shortLived.tryAcquire(one.id(), "s1", "203.0.113.1", false).orElseThrow();
        Lease theirs = locks.tryAcquire(two.id(), "s2", "203.0.113.2", false).orElseThrow();
        Instant theirsExpiry = expiry(theirs.accountId());

        await("renewed expiry").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            shortLived.heartbeat();
            return expiry(mine.accountId()).isAfter(mine.expiresAt());
        });
        assertEquals(1, shortLived.heartbeat());
        assertEquals(theirsExpiry, expiry(theirs.accountId()));
        assertEquals(java.util.Map.of(mine.ownerId(), LeaseStatus.HELD), shortLived.statusesOfThisInstance());
        locks.requestTermination(Actor.system("test"), one.id());
        assertEquals(java.util.Map.of(mine.ownerId(), LeaseStatus.TERMINATION_REQUESTED), shortLived.statusesOfThisInstance());
        shortLived.release(mine);
        assertEquals(java.util.Map.of(), shortLived.statusesOfThisInstance());
        locks.release(theirs);
    }

    @Test
    void consoleSeesSessionsAndCanAskThemToEnd() {
        Account account = fixtures.newAccount();
        Lease lease = locks.tryAcquire(account.id(), "console-test", "2001:db8::7", true).orElseThrow();
        locks.updateSessionStats(lease, 12345);

        ActiveSession session = locks.listActive().stream()
                .filter(s -> s.accountId() == account.id()).findFirst().orElseThrow();
        assertEquals(account.login(), session.login());
        assertEquals(lease.ownerId(), session.ownerId());
        assertEquals(locks.instanceId(), session.instanceId());
        assertEquals("2001:db8::7", session.remoteAddress());
        assertTrue(session.tls());
        assertEquals(12345, session.bytesSent());
        assertFalse(session.terminateRequested());
        assertFalse(locks.terminationRequested(lease));

        assertTrue(locks.requestTermination(Actor.system("test"), account.id()));
        assertEquals(LeaseStatus.TERMINATION_REQUESTED, locks.status(lease));
        assertTrue(locks.terminationRequested(lease));
        locks.release(lease);
        assertFalse(locks.requestTermination(Actor.system("test"), account.id()));
        List<ActiveSession> after = locks.listActive();
        assertTrue(after.stream().noneMatch(s -> s.accountId() == account.id()));
    }

    @Test
    void deletingAnAccountDropsTheLeaseACrashedSessionLeft() {
        Account account = fixtures.newAccount();
        Lease lease = locks.tryAcquire(account.id(), "s", "192.0.2.50", false).orElseThrow();
        fixtures.execute("update maildrop_lease set expires_at = now() - interval '1 second' where owner_id = ?",
                lease.ownerId());
        accounts.delete(Actor.system("test"), account.id());
        assertEquals(LeaseStatus.LOST, locks.status(lease));
        assertTrue(locks.tryAcquire(account.id(), "s", "192.0.2.50", false).isEmpty());
    }

    private Instant expiry(long accountId) {
        long micros = fixtures.queryLong(
                "select (extract(epoch from expires_at) * 1000000)::bigint from maildrop_lease where account_id = ?", accountId);
        return Instant.EPOCH.plus(Duration.ofNanos(micros * 1000));
    }
}
