package io.buzon.store.password;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hashes produced by glibc's crypt(3) (libxcrypt) are the independent reference for imports. */
class PasswordHasherTest {

    private static final String BCRYPT_2B = "$2b$10$abcdefghijklmnopqrstuua5y4666LnjT0.0P2t5o6RxyvXhKjfry";
    private static final String BCRYPT_2Y = "$2y$10$abcdefghijklmnopqrstuua5y4666LnjT0.0P2t5o6RxyvXhKjfry";
    private static final String BCRYPT_2A = "$2a$10$abcdefghijklmnopqrstuua5y4666LnjT0.0P2t5o6RxyvXhKjfry";
    private static final String SHA512_656000 =
            "$6$rounds=656000$abcdefgh12345678$zsQXUlFst/oLvhgn7fIECk.u.w2d7EYqRdnw1UjM8TFPyr/8MesnEOf5CY/c9VB/7VN5T77B8EU53p3ojhHKh.";

    private final PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULT);

    @Test
    void writesArgon2idPhcStringsWithTheConfiguredCostAndARandomSalt() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertEquals(6, first.split("\\$").length, first);
        assertNotEquals(first, second);
        assertTrue(hasher.verify("correct horse battery staple", first));
        assertFalse(hasher.verify("correct horse battery stapler", first));
        assertEquals(HashScheme.ARGON2ID, HashScheme.of(first));
        assertFalse(hasher.needsRehash(first));
    }

    @Test
    void otherArgon2CostNeedsRehash() {
        PasswordHasher cheaper = new PasswordHasher(new Argon2Settings(8192, 1, 1));
        String old = cheaper.hash("passphrase of old");
        assertTrue(old.startsWith("$argon2id$v=19$m=8192,t=1,p=1$"), old);
        assertTrue(hasher.verify("passphrase of old", old));
        assertTrue(hasher.needsRehash(old));
    }

    @Test
    void argon2ComputationsAreCappedAtTheConfiguredConcurrency() throws Exception {
        PasswordHasher capped = new PasswordHasher(new Argon2Settings(8192, 1, 1, 2));
        String stored = capped.hash("capped passphrase");
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads * 3; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return capped.verify("capped passphrase", stored);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(capped.argon2PeakConcurrency() >= 1 && capped.argon2PeakConcurrency() <= 2,
                "peak " + capped.argon2PeakConcurrency());
        assertEquals(Runtime.getRuntime().availableProcessors(), Argon2Settings.DEFAULT.effectiveMaxConcurrent());
        assertThrows(IllegalArgumentException.class, () -> new Argon2Settings(8192, 1, 1, -1));
    }

    @Test
    void verifiesImportedBcryptInEveryPrefix() {
        for (String hash : new String[]{BCRYPT_2A, BCRYPT_2B, BCRYPT_2Y, "{BLF-CRYPT}" + BCRYPT_2Y}) {
            assertTrue(hasher.verify("Imported pass 1", hash), hash);
            assertFalse(hasher.verify("Imported pass 2", hash), hash);
            assertTrue(hasher.needsRehash(hash), hash);
        }
        assertEquals(HashScheme.BCRYPT, HashScheme.of("{BLF-CRYPT}" + BCRYPT_2Y));
    }

    @Test
    void verifiesImportedSha512CryptWithAndWithoutPrefix() {
        assertTrue(hasher.verify("Imported pass 1", SHA512_656000));
        assertTrue(hasher.verify("Imported pass 1", "{SHA512-CRYPT}" + SHA512_656000));
        assertTrue(hasher.verify("Imported pass 1", "{CRYPT}" + SHA512_656000));
        assertFalse(hasher.verify("imported pass 1", SHA512_656000));
        assertTrue(hasher.needsRehash("{SHA512-CRYPT}" + SHA512_656000));
        assertEquals(HashScheme.SHA512_CRYPT, HashScheme.of("{SHA512-CRYPT}" + SHA512_656000));
    }

    @Test
    void dovecotArgon2Prefix() {
        String hash = hasher.hash("prefixed passphrase");
        assertTrue(hasher.verify("prefixed passphrase", "{ARGON2ID}" + hash));
        assertTrue(hasher.needsRehash("{ARGON2ID}" + hash), "prefix is normalised away by a rehash");
    }

    @Test
    void malformedOrMismatchedHashesNeverVerify() {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", ""));
        assertFalse(hasher.verify("x", "plain"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$broken"));
        assertFalse(hasher.verify("x", "$2y$10$short"));
        assertFalse(hasher.verify("x", "$6$nosecondfield"));
        assertFalse(hasher.verify("Imported pass 1", "{SHA512-CRYPT}" + BCRYPT_2Y), "prefix disagrees with hash");
        assertEquals(HashScheme.UNKNOWN, HashScheme.of("{MD5}abc"));
        assertTrue(hasher.needsRehash(null));
    }

    @Test
    void importsAreCheckedForShapeAndCost() {
        for (String ok : new String[]{BCRYPT_2A, BCRYPT_2B, "{BLF-CRYPT}" + BCRYPT_2Y, SHA512_656000,
                "{SHA512-CRYPT}" + SHA512_656000, hasher.hash("x"), "{ARGON2ID}" + hasher.hash("y"),
                "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"}) {
            PasswordHasher.requireImportable(ok);
        }
        assertEquals("bcrypt cost must be 4..16, got 31", assertThrows(IllegalArgumentException.class,
                () -> PasswordHasher.requireImportable("$2y$31$abcdefghijklmnopqrstuua5y4666LnjT0.0P2t5o6RxyvXhKjfry"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable("$2y$10$short"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable(
                "$6$rounds=999999999$abcdefgh12345678$zsQXUlFst/oLvhgn7fIECk.u.w2d7EYqRdnw1UjM8TFPyr/8MesnEOf5CY/c9VB/7VN5T77B8EU53p3ojhHKh."));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable("$6$salt$tooshort"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable(
                "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable("{MD5}1a79a4d60de6718e8e5b326e338ae533"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.requireImportable(null));
    }

    @Test
    void dummyVerificationDoesTheSameWorkAsARealOne() {
        String real = hasher.hash("some real password");
        String dummy = hasher.dummyHash();
        // Same scheme and the same argon2 cost parameters (m, t, p) as a stored hash of the current settings.
        assertEquals(costOf(real), costOf(dummy));
        assertFalse(hasher.needsRehash(dummy));
        long before = hasher.verifications();
        hasher.verify("wrong guess", real);
        assertEquals(before + 1, hasher.verifications());
        hasher.verifyDummy("wrong guess");
        assertEquals(before + 2, hasher.verifications());
        hasher.verifyDummy(null);
        assertEquals(before + 3, hasher.verifications(), "a missing password still costs one verification");
    }

    /** {@code $argon2id$v=19$m=..,t=..,p=..$} of a PHC string. */
    private static String costOf(String phc) {
        String[] parts = phc.split("\\$");
        return parts[1] + "$" + parts[2] + "$" + parts[3];
    }
}
