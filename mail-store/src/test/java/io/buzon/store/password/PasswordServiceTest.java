package io.buzon.store.password;

import io.buzon.store.Actor;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.PageRequest;
import io.buzon.store.auth.AuthFixtures;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthResult;
import io.buzon.store.auth.AuthService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PasswordServiceTest {

    // Produced by glibc crypt(3) for "Imported pass 1".
    private static final String BCRYPT = "$2y$10$abcdefghijklmnopqrstuua5y4666LnjT0.0P2t5o6RxyvXhKjfry";
    private static final String SHA512 =
            "$6$rounds=656000$abcdefgh12345678$zsQXUlFst/oLvhgn7fIECk.u.w2d7EYqRdnw1UjM8TFPyr/8MesnEOf5CY/c9VB/7VN5T77B8EU53p3ojhHKh.";

    @Inject
    PasswordService passwords;

    @Inject
    PasswordPolicyService policies;

    @Inject
    AuthService auth;

    @Inject
    AuthFixtures fixtures;

    @Inject
    AuditLog audit;

    @Test
    void acceptedPasswordIsStoredAsArgon2idWithScramKeys() {
        AuthFixtures.Account account = fixtures.account("set");
        Instant before = Instant.now().minusSeconds(5);
        PasswordChangeResult result = passwords.setPassword(Actor.system("admin@x"), account.id(), "granizo sobre tejados de pizarra");
        assertEquals(new PasswordChangeResult(true, List.of()), result);
        StoredPassword stored = passwords.storedPassword(account.id()).orElseThrow();
        assertTrue(stored.hash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored.hash());
        assertTrue(stored.changedAt().isAfter(before));
        assertNotNull(stored.scram());
        assertEquals(4096, stored.scram().iterations());
        assertEquals(16, stored.scram().salt().length);
        assertEquals(1, audit.search(new AuditFilter("admin@x", "account.password.set", account.login(), null, null),
                new PageRequest(0, 10)).items().size());
    }

    @Test
    void refusalsCarryEveryReasonAndChangeNothing() {
        AuthFixtures.Account account = fixtures.accountWithPassword("refuse", "granizo sobre tejados de pizarra");
        String before = passwords.storedPassword(account.id()).orElseThrow().hash();
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(12, 40, 1, 1, 1, 1, 2, true, true, null,
                null, null, null, null));

        assertEquals(List.of(
                new PolicyViolation("PASSWORD_TOO_SHORT", "The password must be at least 12 characters long.", Map.of("min", 12)),
                new PolicyViolation("PASSWORD_NEEDS_UPPERCASE", "The password must contain at least 1 upper-case letter.", Map.of("min", 1)),
                new PolicyViolation("PASSWORD_NEEDS_DIGIT", "The password must contain at least 1 digit.", Map.of("min", 1)),
                new PolicyViolation("PASSWORD_NEEDS_SYMBOL", "The password must contain at least 1 symbol.", Map.of("min", 1)),
                new PolicyViolation("PASSWORD_COMMON", "The password is on the list of common or leaked passwords; choose another.", Map.of()),
                new PolicyViolation("PASSWORD_TOO_WEAK", "The password is too easy to guess (strength 0 of 4, at least 2 needed); a longer phrase of unrelated words helps.",
                        Map.of("score", 0, "required", 2))),
                passwords.setPassword(Actor.system("test"), account.id(), "password").violations());
        assertEquals(List.of("PASSWORD_NEEDS_LOWERCASE"), codes(passwords.setPassword(Actor.system("test"), account.id(), "ZURDO9KAFETAL!LOMO")));
        assertEquals(List.of("PASSWORD_TOO_LONG"), codes(passwords.setPassword(Actor.system("test"), account.id(), "Zurdo9Kafetal!lomo" + "x".repeat(30))));
        assertEquals(List.of("PASSWORD_CONTAINS_LOGIN"), codes(passwords.setPassword(Actor.system("test"), account.id(), "Zq9!" + account.localPart() + "Kafetal")));
        assertEquals(before, passwords.storedPassword(account.id()).orElseThrow().hash(), "nothing changed");
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), "Zurdo9Kafetal!lomo").accepted());
    }

    @Test
    void domainPolicyOverridesGlobalPolicy() {
        AuthFixtures.Account account = fixtures.accountWithPassword("levels", "granizo sobre tejados de pizarra");
        PolicyOverrides original = policies.globalOverrides();
        try {
            policies.setGlobalOverrides(Actor.system("test"), new PolicyOverrides(null, null, null, null, 3, null, null, null, null, null,
                    null, null, null, null));
            assertEquals(3, policies.effectivePolicy(null).minDigits());
            assertEquals(List.of("PASSWORD_NEEDS_DIGIT"),
                    codes(passwords.setPassword(Actor.system("test"), account.id(), "otra frase larga sin cifras")));
            policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(null, null, null, null, 0, null, null,
                    null, null, null, null, null, null, null));
            assertEquals(0, policies.effectivePolicy(account.domainId()).minDigits());
            assertTrue(passwords.setPassword(Actor.system("test"), account.id(), "otra frase larga sin cifras").accepted());
            policies.clearDomainOverrides(Actor.system("test"), account.domainId());
            assertEquals(3, policies.effectivePolicy(account.domainId()).minDigits());
            assertThrows(PolicyConsistencyException.class, () -> policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(50, 20, null, null, null, null, null, null, null, null, null, null, null, null)));
            assertEquals(PolicyOverrides.NONE, policies.domainOverrides(account.domainId()));
        } finally {
            policies.setGlobalOverrides(Actor.system("test"), original);
        }
    }

    @Test
    void historyRejectsTheLastNPasswords() {
        AuthFixtures.Account account = fixtures.account("history");
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new PolicyOverrides(null, null, null, null, null, null, null,
                null, null, 3, null, null, null, null));
        String p1 = "primera frase de prueba larga";
        String p2 = "segunda frase de prueba larga";
        String p3 = "tercera frase de prueba larga";
        String p4 = "cuarta frase de prueba larga";
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), p1).accepted());
        List<PolicyViolation> current = passwords.setPassword(Actor.system("test"), account.id(), p1).violations();
        assertEquals(List.of(new PolicyViolation("PASSWORD_REUSED",
                "The password was used recently; choose one that is not among your last 3.", Map.of("count", 3))), current);
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), p2).accepted());
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), p3).accepted());
        assertEquals(List.of("PASSWORD_REUSED"), codes(passwords.setPassword(Actor.system("test"), account.id(), p1)));
        assertEquals(List.of("PASSWORD_REUSED"), codes(passwords.setPassword(Actor.system("test"), account.id(), p2)));
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), p4).accepted());
        // p1 is now the fourth most recent: allowed again.
        assertTrue(passwords.setPassword(Actor.system("test"), account.id(), p1).accepted());
    }

    @Test
    void bcryptImportIsRehashedToArgon2idOnLogin() {
        rehashOnLogin(BCRYPT);
    }

    @Test
    void sha512CryptImportIsRehashedToArgon2idOnLogin() {
        rehashOnLogin(SHA512);
    }

    @Test
    void dovecotPrefixedImportIsRehashedToArgon2idOnLogin() {
        rehashOnLogin("{SHA512-CRYPT}" + SHA512);
    }

    private void rehashOnLogin(String imported) {
        AuthFixtures.Account account = fixtures.account("import");
        passwords.importPasswordHash(Actor.system("test"), account.id(), imported);
        StoredPassword before = passwords.storedPassword(account.id()).orElseThrow();
        assertEquals(imported, before.hash());
        assertNull(before.scram());

        assertEquals(AuthOutcome.INVALID, auth.authenticate(account.login(), "Imported pass 2", "pop3", null).outcome());
        assertEquals(imported, passwords.storedPassword(account.id()).orElseThrow().hash(), "no rehash on failure");

        AuthResult ok = auth.authenticate(account.login(), "Imported pass 1", "pop3", null);
        assertEquals(AuthOutcome.SUCCESS, ok.outcome());
        StoredPassword after = passwords.storedPassword(account.id()).orElseThrow();
        assertTrue(after.hash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), after.hash());
        assertEquals(before.changedAt(), after.changedAt(), "same password, same age");
        assertNotNull(after.scram(), "SCRAM keys created from the plaintext at login");
        assertArrayEquals(ScramSha256.derive("Imported pass 1", after.scram().salt(), 4096).storedKey(),
                after.scram().storedKey());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(account.login(), "Imported pass 1", "pop3", null).outcome());
        assertEquals(after.hash(), passwords.storedPassword(account.id()).orElseThrow().hash(), "no second rehash");
    }

    @Test
    void unsupportedImportsAreRefused() {
        AuthFixtures.Account account = fixtures.account("bad-import");
        assertThrows(IllegalArgumentException.class, () -> passwords.importPasswordHash(Actor.system("test"), account.id(), "{MD5}abcdef"));
        assertThrows(IllegalArgumentException.class, () -> passwords.importPasswordHash(Actor.system("test"), account.id(), "plaintext"));
        assertThrows(NoSuchElementException.class, () -> passwords.importPasswordHash(Actor.system("test"), -1, BCRYPT));
        assertTrue(passwords.storedPassword(account.id()).isEmpty());
    }

    @Test
    void scramKeysVerifyAProofComputedIndependently() throws Exception {
        String password = "granizo sobre tejados de pizarra";
        AuthFixtures.Account account = fixtures.accountWithPassword("scram", password);
        ScramCredentials credentials = passwords.scramCredentials(account.login().toUpperCase());

        // The client side, written here from RFC 5802 with the JDK's PBKDF2 and HMAC only.
        String clientFirstBare = "n=" + account.login() + ",r=fyko+d2lbbFgONRv9qkxdawL";
        String serverFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=" + credentials.saltBase64() + ",i="
                + credentials.iterations();
        String clientFinalNoProof = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalNoProof;
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(credentials.saltBase64()),
                        credentials.iterations(), 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        assertTrue(ScramSha256.verifyClientProof(credentials, authMessage, proof));
        byte[] expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        assertArrayEquals(expectedServerSignature, ScramSha256.serverSignature(credentials, authMessage));

        byte[] wrong = ScramSha256.clientProof("not the password", credentials.salt(), credentials.iterations(), authMessage);
        assertFalse(ScramSha256.verifyClientProof(credentials, authMessage, wrong));
    }

    @Test
    void unknownUsersGetStableFakeScramCredentials() {
        AuthFixtures.Account account = fixtures.accountWithPassword("scram-real", "granizo sobre tejados de pizarra");
        ScramCredentials real = passwords.scramCredentials(account.login());
        ScramCredentials fake1 = passwords.scramCredentials("nobody@" + account.domain());
        ScramCredentials fake2 = passwords.scramCredentials("NOBODY@" + account.domain().toUpperCase());
        ScramCredentials other = passwords.scramCredentials("somebody-else@" + account.domain());
        assertEquals(fake1, fake2, "deterministic per login");
        assertNotEquals(fake1, other);
        assertEquals(real.iterations(), fake1.iterations());
        assertEquals(real.salt().length, fake1.salt().length);
        assertEquals(32, fake1.storedKey().length);
        String authMessage = "n=nobody,r=abc,r=abcdef,s=" + fake1.saltBase64() + ",i=4096,c=biws,r=abcdef";
        assertFalse(ScramSha256.verifyClientProof(fake1, authMessage,
                ScramSha256.clientProof("anything", fake1.salt(), 4096, authMessage)));
        // An imported account has no keys until its first login: it gets fake ones too.
        AuthFixtures.Account imported = fixtures.account("scram-import");
        passwords.importPasswordHash(Actor.system("test"), imported.id(), BCRYPT);
        assertEquals(passwords.scramCredentials(imported.login()), passwords.scramCredentials(imported.login()));
        assertEquals(4096, passwords.scramCredentials(imported.login()).iterations());
    }

    private static List<String> codes(PasswordChangeResult result) {
        return result.violations().stream().map(PolicyViolation::code).toList();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
