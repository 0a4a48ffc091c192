package io.buzon.store.auth;

import io.buzon.store.Actor;
import io.buzon.store.password.PolicyOverrides;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one login throttle: an attacker's failures never stop the owner from the owner's usual address, a
 * name tried from one address locks only that pair, spraying locks the address, and a name tried from
 * many addresses stays open only to the addresses it signed in from before.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LoginThrottleTest {

    private static final String GOOD = "granizo sobre tejados de pizarra";

    @Inject
    LoginThrottle throttle;

    @Inject
    AuthService auth;

    @Inject
    PasswordPolicyService policies;

    @Inject
    AuthFixtures fixtures;

    /** Threshold 3 per name and address, lock 10 minutes (long enough that the test never sees it end). */
    private AuthFixtures.Account owner() {
        AuthFixtures.Account account = fixtures.accountWithPassword("owner", GOOD);
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(null, null, null, null,
                null, null, null, null, null, null, null, 3, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        return account;
    }

    @Test
    void anAttackerFromOneAddressLocksOnlyItselfNotTheOwner() {
        AuthFixtures.Account account = owner();
        String home = "192.0.2.20";
        String attacker = "203.0.113.66";
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", home).outcome());
        for (int i = 0; i < 11; i++) {
            auth.authenticate(account.login(), "guess" + i, "pop3", attacker);
        }
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(account.login(), GOOD, "pop3", attacker).outcome(),
                "the attacker's address is refused even with the right password");
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", home).outcome(),
                "the owner at home is not");
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", "198.51.100.5").outcome(),
                "nor on a new network: one address's failures say nothing about the others");

        LoginThrottle.State state = auth.lockState(account.login());
        assertTrue(state.locked());
        LoginThrottle.Counter pair = state.counters().stream().filter(c -> attacker.equals(c.address())).findFirst().orElseThrow();
        assertTrue(pair.locked());
        assertEquals(attacker, pair.lastAddress(), "the console can say where the failures came from");
        assertNotNull(pair.lockedUntil());
        LoginThrottle.Counter name = state.counters().stream().filter(c -> c.address() == null).findFirst().orElseThrow();
        assertEquals(3, name.failures(), "attempts after the pair locked were refused unchecked, and not counted");
        assertFalse(name.locked(), "failures from one address do not lock the name");
    }

    @Test
    void aDistributedAttackOnANameLeavesTheOwnersUsualAddressesOpen() {
        AuthFixtures.Account account = owner();
        String home = "192.0.2.21";
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", home).outcome());
        // 60 guesses, 2 per address from 30 addresses: no pair reaches its threshold of 3, the name its 50
        for (int i = 0; i < 60; i++) {
            auth.authenticate(account.login(), "guess" + i, "pop3", "203.0.113." + (i / 2));
        }
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(account.login(), GOOD, "pop3", "203.0.113.200").outcome(),
                "a fresh address of the botnet is refused");
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(account.login(), GOOD, "pop3", "198.51.100.6").outcome(),
                "as is any address the name never signed in from");
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", home).outcome(),
                "the owner's usual address still gets in");
        assertTrue(auth.lockState(account.login()).counters().stream().anyMatch(c -> c.address() == null && c.locked()));

        auth.unlock(Actor.admin("helpdesk", "192.0.2.1"), account.id());
        assertFalse(auth.lockState(account.login()).locked());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", "198.51.100.6").outcome());
    }

    @Test
    void sprayingFromOneAddressLocksTheAddressForEveryName() {
        // test profile: buzon.auth.address-lockout.threshold=5
        AuthFixtures.Account account = owner();
        String sprayer = "198.51.100.99";
        for (int i = 0; i < 5; i++) {
            auth.authenticate("nobody" + i + "@" + account.domain(), "Summer2024", "pop3", sprayer);
        }
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(account.login(), GOOD, "pop3", sprayer).outcome());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", "198.51.100.98").outcome());
    }

    @Test
    void concurrentFailuresOnSeparateConnectionsAreAllCounted() throws Exception {
        // each call takes its own pooled connection, as separate replicas would
        String login = "race-" + UUID.randomUUID() + "@example.test";
        LoginThrottle.Limits never = new LoginThrottle.Limits(0, 0, Duration.ofMinutes(5), Duration.ofMinutes(5), 0,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String address = "2001:db8::" + (i % 4);
                calls.add(() -> {
                    throttle.recordFailure(login, address, never);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        LoginThrottle.State state = throttle.state(login);
        assertEquals(40, state.counters().stream().filter(c -> c.address() == null).findFirst().orElseThrow().failures());
        assertEquals(4, state.counters().stream().filter(c -> c.address() != null).count());
        assertTrue(state.counters().stream().filter(c -> c.address() != null).allMatch(c -> c.failures() == 10),
                "none lost");
        assertFalse(state.locked());
    }
}
