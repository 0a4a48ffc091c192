package io.buzon.store.auth;

import io.buzon.store.Actor;
import io.buzon.store.password.PasswordHasher;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.Sha512Crypt;
import io.buzon.store.password.StoredPassword;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verified-credential cache in {@link AuthService}: exact counts of hash verifications prove when
 * the expensive hash is skipped and that every change to the stored credential is seen at once.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class VerifiedCredentialCacheTest {

    private static final String GOOD = "granizo sobre tejados de pizarra";
    private static final String NEW = "otra frase bastante larga y rara";

    @Inject
    AuthService auth;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordService passwords;

    @Inject
    AppPasswordService appPasswords;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AuthFixtures fixtures;

    @Inject
    AuthConfig config;

    @Inject
    LoginRecords loginRecords;

    @Inject
    io.buzon.store.password.PasswordPolicyService policies;

    @AfterEach
    void restoreConfiguredCache() {
        auth.useCache(new VerifiedCredentialCache(config.cache().maxEntries(), config.cache().ttl()));
    }

    @Test
    void secondLoginWithTheSamePasswordSkipsTheHash() {
        assertEquals(10000, config.cache().maxEntries());
        assertEquals(Duration.ofMinutes(5), config.cache().ttl());
        AuthFixtures.Account account = fixtures.accountWithPassword("cache", GOOD);

        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        Instant afterFirst = loginRecords.lastLogin(account.id()).orElseThrow().at();
        AuthResult cached = counted(0, () -> auth.authenticate(account.login(), GOOD, "pop3", "192.0.2.44"));
        assertEquals(AuthOutcome.SUCCESS, cached.outcome());
        assertEquals(account.id(), cached.accountId());
        assertEquals(AuthCredential.PASSWORD, cached.credential());
        LastLogin last = loginRecords.lastLogin(account.id()).orElseThrow();
        assertEquals("192.0.2.44", last.remoteAddress(), "a cached login still records the last login");
        assertFalse(last.at().isBefore(afterFirst));

        // A wrong password is never answered by the cache and leaves the good entry alone.
        assertVerifications(1, () -> login(account, "not the password", "pop3"), AuthOutcome.INVALID);
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        // The same login spelled differently is the same normalised login.
        assertVerifications(0, () -> auth.authenticate(" " + account.login().toUpperCase(), GOOD, "pop3", null),
                AuthOutcome.SUCCESS);
        // Another service class (console) is a separate entry.
        assertVerifications(1, () -> login(account, GOOD, "console"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, GOOD, "console"), AuthOutcome.SUCCESS);
    }

    @Test
    void passwordChangeInvalidatesAtOnce() {
        AuthFixtures.Account account = fixtures.accountWithPassword("change", GOOD);
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);

        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), NEW).accepted());
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.INVALID);
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.INVALID);
        assertVerifications(1, () -> login(account, NEW, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, NEW, "pop3"), AuthOutcome.SUCCESS);

        // A reset by an administrator works the same way.
        String third = "tercera contraseña con muchas palabras";
        assertTrue(passwords.setPassword(Actor.system("admin"), account.id(), third).accepted());
        assertVerifications(1, () -> login(account, NEW, "pop3"), AuthOutcome.INVALID);
        assertVerifications(1, () -> login(account, third, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, third, "pop3"), AuthOutcome.SUCCESS);
    }

    @Test
    void disabledAccountWithACachedPasswordIsDisabled() {
        AuthFixtures.Account account = fixtures.accountWithPassword("off", GOOD);
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        fixtures.disable(account);
        AuthResult disabled = counted(0, () -> login(account, GOOD, "pop3"));
        assertEquals(AuthOutcome.DISABLED, disabled.outcome());
        assertEquals(account.id(), disabled.accountId());
        assertVerifications(1, () -> login(account, "wrong", "pop3"), AuthOutcome.INVALID);
    }

    @Test
    void twoFactorRefusesTheCachedMainPasswordForMailAtTheCostOfAWrongOne() {
        AuthFixtures.Account account = fixtures.accountWithPassword("tfa", GOOD);
        CreatedAppPassword phone = appPasswords.create(Actor.system("test"), account.id(), "Phone");
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(1, () -> login(account, phone.secret(), "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, phone.secret(), "pop3"), AuthOutcome.SUCCESS);

        String secret = twoFactor.newSecret();
        assertTrue(twoFactor.enable(Actor.system("test"), account.id(), secret, Totp.code(secret, Totp.step(Instant.now()))));
        AuthResult refused = counted(1, () -> login(account, GOOD, "pop3"));
        assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED, refused.outcome());
        assertEquals(AuthCredential.NONE, refused.credential());
        assertTrue(refused.logReason().contains("two-factor"), refused.logReason());
        assertVerifications(1, () -> login(account, "wrong", "pop3"), AuthOutcome.INVALID);
        // The app password is still cached; the console still takes the main password.
        assertVerifications(0, () -> login(account, phone.secret(), "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(1, () -> login(account, GOOD, "console"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, GOOD, "console"), AuthOutcome.SUCCESS);
    }

    @Test
    void aPolicyRequiringTwoFactorRefusesTheCachedMainPasswordAtTheCostOfAWrongOne() {
        AuthFixtures.Account account = fixtures.accountWithPassword("reqtfa", GOOD);
        CreatedAppPassword phone = appPasswords.create(Actor.system("test"), account.id(), "Phone");
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);

        policies.setDomainOverrides(Actor.system("test"), account.domainId(), requireTwoFactor(true));
        AuthResult refused = counted(1, () -> login(account, GOOD, "pop3"));
        assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED, refused.outcome());
        assertTrue(refused.logReason().contains("policy requires two-factor"), refused.logReason());
        assertVerifications(1, () -> login(account, phone.secret(), "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(0, () -> login(account, phone.secret(), "pop3"), AuthOutcome.SUCCESS);

        policies.clearDomainOverrides(Actor.system("test"), account.domainId());
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
    }

    static io.buzon.store.password.PolicyOverrides requireTwoFactor(Boolean required) {
        return new io.buzon.store.password.PolicyOverrides(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, required);
    }

    @Test
    void revokedAppPasswordFailsAtOnce() {
        AuthFixtures.Account account = fixtures.accountWithPassword("revoke", GOOD);
        CreatedAppPassword laptop = appPasswords.create(Actor.system("test"), account.id(), "Laptop");
        assertVerifications(1, () -> login(account, laptop.secret(), "pop3"), AuthOutcome.SUCCESS);
        AuthResult cached = counted(0, () -> login(account, laptop.secret(), "pop3"));
        assertEquals(AuthCredential.APP_PASSWORD, cached.credential());
        assertEquals(laptop.appPassword().id(), cached.appPasswordId());
        assertEquals("pop3", appPasswords.list(account.id()).get(0).lastUsedService());

        assertTrue(appPasswords.revoke(Actor.system("test"), account.id(), laptop.appPassword().id()));
        // The row is gone for the selector, so only the main-password check runs, and fails.
        assertVerifications(1, () -> login(account, laptop.secret(), "pop3"), AuthOutcome.INVALID);
    }

    @Test
    void importedSha512CryptIsRehashedThenCached() {
        AuthFixtures.Account account = fixtures.account("import");
        String imported = Sha512Crypt.crypt(GOOD.getBytes(StandardCharsets.UTF_8), "saltsaltsalt", null);
        passwords.importPasswordHash(Actor.system("test"), account.id(), "{SHA512-CRYPT}" + imported);

        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        StoredPassword rehashed = passwords.storedPassword(account.id()).orElseThrow();
        assertTrue(rehashed.hash().startsWith("$argon2id$"), rehashed.hash());
        assertFalse(hasher.needsRehash(rehashed.hash()));
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        assertEquals(rehashed.hash(), passwords.storedPassword(account.id()).orElseThrow().hash());

        // Importing the old hash again brings back SHA512-CRYPT: the argon2id entry no longer applies.
        passwords.importPasswordHash(Actor.system("test"), account.id(), imported);
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        String again = passwords.storedPassword(account.id()).orElseThrow().hash();
        assertNotEquals(rehashed.hash(), again);
        assertVerifications(0, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
    }

    @Test
    void ttlZeroTurnsTheCacheOff() {
        auth.useCache(new VerifiedCredentialCache(10000, Duration.ZERO));
        AuthFixtures.Account account = fixtures.accountWithPassword("nottl", GOOD);
        for (int i = 0; i < 3; i++) {
            assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        }
        auth.useCache(new VerifiedCredentialCache(0, Duration.ofMinutes(5)));
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
        assertVerifications(1, () -> login(account, GOOD, "pop3"), AuthOutcome.SUCCESS);
    }

    @Test
    void boundedLeastRecentlyUsedAndKeyedBySecretHmac() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(2, Duration.ofMinutes(5));
        String a = cache.key("a@example.org", "mail", GOOD);
        String b = cache.key("b@example.org", "mail", GOOD);
        String c = cache.key("c@example.org", "mail", GOOD);
        assertEquals(44, a.length(), "base64 of a 32-byte HMAC");
        assertFalse(a.contains(GOOD));
        assertEquals(a, cache.key("a@example.org", "mail", GOOD));
        assertNotEquals(a, cache.key("a@example.org", "other", GOOD));
        assertNotEquals(a, cache.key("a@example.org", "mail", GOOD + " "));
        assertNotEquals(a, new VerifiedCredentialCache(2, Duration.ofMinutes(5)).key("a@example.org", "mail", GOOD),
                "the HMAC key is random per cache");

        cache.remember(a, 1, AuthCredential.PASSWORD, "hash-a", null);
        cache.remember(b, 2, AuthCredential.PASSWORD, "hash-b", null);
        assertTrue(cache.confirms(a, 1, AuthCredential.PASSWORD, "hash-a", null), "a is now most recent");
        cache.remember(c, 3, AuthCredential.PASSWORD, "hash-c", null);
        assertEquals(2, cache.size());
        assertFalse(cache.confirms(b, 2, AuthCredential.PASSWORD, "hash-b", null), "b was evicted");
        assertTrue(cache.confirms(a, 1, AuthCredential.PASSWORD, "hash-a", null));
        assertTrue(cache.confirms(c, 3, AuthCredential.PASSWORD, "hash-c", null));

        assertFalse(cache.confirms(a, 1, AuthCredential.APP_PASSWORD, "hash-a", 1L), "another kind: no match");
        assertTrue(cache.confirms(a, 1, AuthCredential.PASSWORD, "hash-a", null), "and not dropped");
        assertFalse(cache.confirms(a, 1, AuthCredential.PASSWORD, "changed", null), "stored hash changed");
        assertFalse(cache.confirms(a, 1, AuthCredential.PASSWORD, "hash-a", null), "stale entry dropped");
        assertEquals(1, cache.size());
        assertFalse(cache.confirms(c, 4, AuthCredential.PASSWORD, "hash-c", null), "another account");

        VerifiedCredentialCache off = new VerifiedCredentialCache(100, Duration.ZERO);
        assertFalse(off.enabled());
        assertNull(off.key("a@example.org", "mail", GOOD));
        off.remember(null, 1, AuthCredential.PASSWORD, "hash-a", null);
        assertEquals(0, off.size());
    }

    private AuthResult login(AuthFixtures.Account account, String password, String service) {
        return auth.authenticate(account.login(), password, service, null);
    }

    private void assertVerifications(long expected, Supplier<AuthResult> attempt, AuthOutcome outcome) {
        assertEquals(outcome, counted(expected, attempt).outcome());
    }

    private AuthResult counted(long expected, Supplier<AuthResult> attempt) {
        long before = hasher.verifications();
        AuthResult result = attempt.get();
        assertEquals(expected, hasher.verifications() - before, "hash verifications for " + result.logReason());
        return result;
    }
}
