package io.buzon.store.retention;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LoginDelayGateTest {

    @Inject
    LoginDelayGate gate;

    @Inject
    RetentionRules rules;

    @Inject
    StoreFixtures fixtures;

    @Test
    void noDelayAdmitsEveryLogin() {
        Account account = fixtures.newAccount();
        assertEquals(new LoginDelayDecision(true, 0, 0), gate.admit(account.id()));
        assertEquals(new LoginDelayDecision(true, 0, 0), gate.admit(account.id()));
    }

    @Test
    void aSecondLoginWithinTheDelayIsRefusedUntilItPasses() {
        Account account = fixtures.newAccount();
        rules.setAccountRule(Actor.system("test"), account.id(), new RetentionOverrides(null, null, 2));
        Instant first = Instant.now();
        assertEquals(new LoginDelayDecision(true, 2, 0), gate.admit(account.id()));
        LoginDelayDecision refused = gate.admit(account.id());
        assertFalse(refused.admitted());
        assertEquals(2, refused.delaySeconds());
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 2, refused.toString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> gate.admit(account.id()).admitted());
        assertTrue(Duration.between(first, Instant.now()).toMillis() >= 1500, "refused for the delay");
    }
}
