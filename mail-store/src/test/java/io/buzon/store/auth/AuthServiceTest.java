package io.buzon.store.auth;

import io.buzon.store.Actor;
import io.buzon.store.password.PasswordHasher;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.PolicyOverrides;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuthServiceTest {

    private static final String GOOD = "granizo sobre tejados de pizarra";

    @Inject
    PasswordHasher hasher;

    @Inject
    AuthService auth;

    @Inject
    PasswordService passwords;

    @Inject
    PasswordPolicyService policies;

    @Inject
    AppPasswordService appPasswords;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AuthFixtures fixtures;

    @Inject
    DataSource dataSource;

    @Inject
    LoginThrottle throttle;

    /** Failures counted against a name from everywhere. */
    private int nameFailures(String login) {
        return throttle.state(login).counters().stream().filter(c -> c.address() == null)
                .mapToInt(LoginThrottle.Counter::failures).sum();
    }

    @Inject
    LoginRecords loginRecords;

    @Inject
    io.buzon.store.stats.LoginStats loginStats;

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        AuthFixtures.Account account = fixtures.accountWithPassword("same", GOOD);
        AuthResult wrong = auth.authenticate(account.login(), "not the password", "pop3", "192.0.2.10");
        AuthResult unknown = auth.authenticate("nobody@" + account.domain(), "not the password", "pop3", "192.0.2.10");
        AuthResult noDomain = auth.authenticate("nobody@no-such-domain.example", "x", "pop3", "192.0.2.10");
        for (AuthResult r : List.of(wrong, unknown, noDomain)) {
            assertEquals(AuthOutcome.INVALID, r.outcome());
            assertNull(r.accountId());
            assertEquals(AuthCredential.NONE, r.credential());
            assertNull(r.appPasswordId());
        }
        assertEquals("wrong password", wrong.logReason());
        assertEquals("unknown login", unknown.logReason());
        assertEquals(2, nameFailures(account.login()) + nameFailures("nobody@" + account.domain()), "both counted as failures");

        // Same hash work: exactly one verification at the current cost, whether the login exists or not.
        for (int i = 0; i < 3; i++) {
            long before = hasher.verifications();
            auth.authenticate(account.login(), "wrong " + i, "console", null);
            assertEquals(before + 1, hasher.verifications(), "known login, wrong password");
            auth.authenticate("ghost" + i + "@" + account.domain(), "wrong " + i, "console", null);
            assertEquals(before + 2, hasher.verifications(), "unknown login");
            auth.authenticate("ghost" + i + "@no-such-domain.example", "wrong " + i, "console", null);
            assertEquals(before + 3, hasher.verifications(), "unknown domain");
        }
    }

    @Test
    void successReturnsTheAccount() {
        AuthFixtures.Account account = fixtures.accountWithPassword("ok", GOOD);
        long successesBefore = loginCount("imap-test", "success");
        long invalidBefore = loginCount("imap-test", "invalid");
        auth.authenticate(account.login(), GOOD, "imap-test", null);
        auth.authenticate(account.login(), "wrong", "imap-test", null);
        auth.authenticate(account.login(), GOOD, "imap-test", null);
        assertEquals(successesBefore + 2, loginCount("imap-test", "success"));
        assertEquals(invalidBefore + 1, loginCount("imap-test", "invalid"));
        AuthResult result = auth.authenticate(" " + account.localPart() + "@" + account.domain().toUpperCase(), GOOD,
                "pop3", "192.0.2.11");
        assertEquals(AuthOutcome.SUCCESS, result.outcome());
        assertEquals(account.id(), result.accountId());
        assertEquals(account.login(), result.login());
        assertEquals(AuthCredential.PASSWORD, result.credential());
        LastLogin last = loginRecords.lastLogin(account.id()).orElseThrow();
        assertEquals("pop3", last.service());
        assertEquals("192.0.2.11", last.remoteAddress());
        assertTrue(last.at().isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void lockoutAfterThresholdAndReleaseAfterDuration() {
        AuthFixtures.Account account = fixtures.accountWithPassword("lock", GOOD);
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(null, null, null, null, null, null, null,
                null, null, null, null, 3, Duration.ofMinutes(5), Duration.ofSeconds(2)));
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), "bad" + i, "pop3", null).outcome());
        }
        Instant lockedAt = Instant.now();
        AuthResult locked = auth.authenticate(account.login(), GOOD, "pop3", null);
        assertEquals(AuthOutcome.LOCKED, locked.outcome());
        assertNull(locked.accountId());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> auth.authenticate(account.login(), GOOD, "pop3", null).outcome() == AuthOutcome.SUCCESS);
        long heldMillis = Duration.between(lockedAt, Instant.now()).toMillis();
        assertTrue(heldMillis >= 1500, "lock held for its 2 s duration, released after " + heldMillis + " ms");

        // Unknown names in the same domain lock the same way, so LOCKED does not reveal an account.
        String ghost = "ghost-lock@" + account.domain();
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthOutcome.INVALID, auth.authenticate(ghost, "bad" + i, "pop3", null).outcome());
        }
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(ghost, "bad", "pop3", null).outcome());
        // Success cleared the counter: two more failures do not lock.
        auth.authenticate(account.login(), "bad", "pop3", null);
        auth.authenticate(account.login(), "bad", "pop3", null);
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", null).outcome());
    }

    @Test
    void lockoutPerRemoteAddress() {
        // Test profile: buzon.auth.address-lockout.threshold=5
        AuthFixtures.Account account = fixtures.accountWithPassword("addr", GOOD);
        String address = "198.51.100.77";
        for (int i = 0; i < 5; i++) {
            assertEquals(AuthOutcome.INVALID,
                    auth.authenticate("spray" + i + "@" + account.domain(), "Summer2024", "pop3", address).outcome());
        }
        assertEquals(AuthOutcome.LOCKED, auth.authenticate(account.login(), GOOD, "pop3", address).outcome());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", "198.51.100.78").outcome());
    }

    @Test
    void disabledAndExpiredOnlyWithTheRightPassword() throws Exception {
        AuthFixtures.Account account = fixtures.accountWithPassword("state", GOOD);
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(null, null, null, null, null, null, null,
                null, null, null, 30, null, null, null));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update account_password set changed_at = now() - interval '31 days' "
                     + "where account_id = ?")) {
            s.setLong(1, account.id());
            assertEquals(1, s.executeUpdate());
        }
        AuthResult expired = auth.authenticate(account.login(), GOOD, "pop3", null);
        assertEquals(AuthOutcome.EXPIRED, expired.outcome());
        assertEquals(account.id(), expired.accountId());
        assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), "wrong", "pop3", null).outcome());
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), "otra frase bastante larga y rara").accepted());
        assertEquals(AuthOutcome.SUCCESS,
                auth.authenticate(account.login(), "otra frase bastante larga y rara", "pop3", null).outcome());

        fixtures.disable(account);
        AuthResult disabled = auth.authenticate(account.login(), "otra frase bastante larga y rara", "pop3", null);
        assertEquals(AuthOutcome.DISABLED, disabled.outcome());
        assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), "wrong", "pop3", null).outcome());
    }

    @Test
    void twoFactorLetsOnlyAppPasswordsIntoMailClients() {
        AuthFixtures.Account account = fixtures.accountWithPassword("tfa", GOOD);
        CreatedAppPassword phone = appPasswords.create(Actor.system("test"), account.id(), "Phone");
        assertTrue(phone.secret().matches("[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}"), phone.secret());

        // Two-factor off: both work for POP3.
        assertEquals(AuthCredential.PASSWORD, auth.authenticate(account.login(), GOOD, "pop3", null).credential());
        AuthResult viaApp = auth.authenticate(account.login(), phone.secret(), "pop3", "203.0.113.5");
        assertEquals(AuthOutcome.SUCCESS, viaApp.outcome());
        assertEquals(AuthCredential.APP_PASSWORD, viaApp.credential());
        assertEquals(phone.appPassword().id(), viaApp.appPasswordId());

        String secret = twoFactor.newSecret();
        assertFalse(twoFactor.enable(Actor.system("test"), account.id(), secret, invalidCode(secret)));
        assertFalse(twoFactor.isEnabled(account.id()));
        assertTrue(twoFactor.enable(Actor.system("test"), account.id(), secret, Totp.code(secret, Totp.step(Instant.now()))));
        assertTrue(twoFactor.isEnabled(account.id()));

        AuthResult mainRefused = auth.authenticate(account.login(), GOOD, "pop3", null);
        assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED, mainRefused.outcome());
        assertTrue(mainRefused.logReason().contains("two-factor"), mainRefused.logReason());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "console", null).outcome());
        assertEquals(AuthOutcome.SUCCESS,
                auth.authenticate(account.login(), phone.secret().replace(" ", "").toUpperCase(), "pop3", null).outcome());
        assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), phone.secret(), "console", null).outcome(),
                "app passwords are for mail clients only");

        twoFactor.disable(Actor.system("test"), account.id());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", null).outcome());
    }

    @Test
    void aPolicyRequiringTwoFactorLetsOnlyAppPasswordsIntoMailClients() {
        AuthFixtures.Account account = fixtures.accountWithPassword("reqtfa", GOOD);
        CreatedAppPassword phone = appPasswords.create(Actor.system("test"), account.id(), "Phone");
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), VerifiedCredentialCacheTest.requireTwoFactor(true));
        assertTrue(policies.effectivePolicy(account.domainId()).requireTwoFactor());
        assertFalse(policies.effectivePolicy(null).requireTwoFactor(), "a domain row does not change the global policy");

        long before = hasher.verifications();
        AuthResult main = auth.authenticate(account.login(), GOOD, "pop3", "192.0.2.77");
        assertEquals(before + 1, hasher.verifications(), "the refused main password cost one verification");
        assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED, main.outcome());
        assertEquals(account.id(), main.accountId());
        assertEquals(AuthCredential.NONE, main.credential());
        assertEquals(0, nameFailures(account.login()), "a right password is no failure");

        AuthResult wrong = auth.authenticate(account.login(), "not the password", "pop3", "192.0.2.77");
        assertEquals(before + 2, hasher.verifications(), "a wrong password still costs one verification");
        assertEquals(AuthOutcome.INVALID, wrong.outcome());
        assertNull(wrong.accountId());
        assertEquals("wrong password", wrong.logReason());
        assertEquals(1, nameFailures(account.login()));

        AuthResult app = auth.authenticate(account.login(), phone.secret(), "pop3", "192.0.2.77");
        assertEquals(AuthOutcome.SUCCESS, app.outcome());
        assertEquals(AuthCredential.APP_PASSWORD, app.credential());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "selfservice", null).outcome(),
                "the self-service page still takes the main password (and then insists on enrolment)");
        assertTrue(auth.appPasswordRequired(account.id(), account.domainId()));

        // The domain row overrides the global row in both directions.
        policies.setGlobalOverrides(Actor.system("test"), VerifiedCredentialCacheTest.requireTwoFactor(true));
        try {
            policies.setDomainOverrides(Actor.system("test"), account.domainId(), VerifiedCredentialCacheTest.requireTwoFactor(false));
            assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", null).outcome());
            assertFalse(auth.appPasswordRequired(account.id(), account.domainId()));
            policies.setDomainOverrides(Actor.system("test"), account.domainId(), VerifiedCredentialCacheTest.requireTwoFactor(null));
            assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED,
                    auth.authenticate(account.login(), GOOD, "pop3", null).outcome(), "inherited from the global row");
        } finally {
            policies.setGlobalOverrides(Actor.system("test"), PolicyOverrides.NONE);
        }
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), GOOD, "pop3", null).outcome());
    }

    @Test
    void revokedAppPasswordFailsAndLastUseIsRecorded() {
        AuthFixtures.Account account = fixtures.accountWithPassword("apps", GOOD);
        CreatedAppPassword laptop = appPasswords.create(Actor.system("test"), account.id(), "Laptop");
        CreatedAppPassword tablet = appPasswords.create(Actor.system("test"), account.id(), "Tablet");
        assertThrows(AppPasswordRefusedException.class, () -> appPasswords.create(Actor.system("test"), account.id(), "laptop"));
        assertNull(appPasswords.list(account.id()).get(0).lastUsedAt());

        Instant before = Instant.now().minusSeconds(5);
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), laptop.secret(), "pop3", "203.0.113.9").outcome());
        AppPassword used = appPasswords.list(account.id()).get(0);
        assertEquals("Laptop", used.name());
        assertNotNull(used.lastUsedAt());
        assertTrue(used.lastUsedAt().isAfter(before));
        assertEquals("203.0.113.9", used.lastUsedAddress());
        assertEquals("pop3", used.lastUsedService());
        assertNull(appPasswords.list(account.id()).get(1).lastUsedAt());

        assertTrue(appPasswords.revoke(Actor.system("test"), account.id(), laptop.appPassword().id()));
        assertFalse(appPasswords.revoke(Actor.system("test"), account.id(), laptop.appPassword().id()));
        assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), laptop.secret(), "pop3", null).outcome());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), tablet.secret(), "pop3", null).outcome());
        List<AppPassword> all = appPasswords.list(account.id());
        assertEquals(2, all.size());
        assertFalse(all.get(0).active());
        assertTrue(all.get(1).active());
        // The name is free again once revoked.
        assertEquals("Laptop", appPasswords.create(Actor.system("test"), account.id(), "Laptop").appPassword().name());
    }

    @Test
    void totpCodesAreNotReplayable() {
        AuthFixtures.Account account = fixtures.accountWithPassword("totp", GOOD);
        String secret = twoFactor.newSecret();
        long step = Totp.step(Instant.now());
        assertTrue(twoFactor.enable(Actor.system("test"), account.id(), secret, Totp.code(secret, step)));
        assertFalse(twoFactor.verify(account.id(), Totp.code(secret, step)), "the enrolment code is used up");
        assertTrue(twoFactor.verify(account.id(), Totp.code(secret, step + 1)));
        assertFalse(twoFactor.verify(account.id(), Totp.code(secret, step + 1)));
        assertFalse(twoFactor.verify(account.id(), "12345"));
    }

    private long loginCount(String service, String outcome) {
        return loginStats.last24Hours().stream()
                .filter(c -> c.service().equals(service) && c.outcome().equals(outcome))
                .mapToLong(io.buzon.store.stats.LoginCount::count).sum();
    }

    private static String invalidCode(String secret) {
        long step = Totp.step(Instant.now());
        List<String> valid = List.of(Totp.code(secret, step - 1), Totp.code(secret, step), Totp.code(secret, step + 1),
                Totp.code(secret, step + 2));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }
}
