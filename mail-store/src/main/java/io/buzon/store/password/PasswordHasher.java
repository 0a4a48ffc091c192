package io.buzon.store.password;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Hashes with argon2id (PHC string {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}) and verifies
 * every scheme in {@link HashScheme}. Password4j compares digests without early return; SHA512-CRYPT
 * uses {@link java.security.MessageDigest#isEqual}.
 */
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int OUTPUT_BYTES = 32;

    private final Argon2Settings settings;
    private final Argon2Function argon2;
    private final String dummyHash;

    public PasswordHasher(Argon2Settings settings) {
        this.settings = settings;
        this.argon2 = Argon2Function.getInstance(settings.memoryKib(), settings.iterations(), settings.parallelism(),
                OUTPUT_BYTES, Argon2.ID);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hash(Base64.getEncoder().encodeToString(random));
    }

    public Argon2Settings settings() {
        return settings;
    }

    /** A fresh argon2id hash with a random 16-byte salt at the configured cost. */
    public String hash(CharSequence password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
    }

    /** True when {@code password} matches {@code storedHash}; false for any malformed or unknown hash. */
    public boolean verify(CharSequence password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        String hash = HashScheme.stripDovecotPrefix(storedHash);
        try {
            return switch (HashScheme.of(hash)) {
                case ARGON2ID -> Argon2Function.getInstanceFromHash(hash).check(password, hash);
                case BCRYPT -> BcryptFunction.getInstanceFromHash(hash).check(password, hash);
                case SHA512_CRYPT -> Sha512Crypt.matches(password, hash);
                case UNKNOWN -> false;
            };
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /**
     * Spends the same work as verifying a stored hash of the current scheme, for logins whose account
     * does not exist, so response time does not tell whether a login name is known.
     */
    public void verifyDummy(CharSequence password) {
        verify(password == null ? "" : password, dummyHash);
    }

    /** True unless the hash is argon2id at exactly the configured cost. */
    public boolean needsRehash(String storedHash) {
        String hash = storedHash == null ? null : HashScheme.stripDovecotPrefix(storedHash);
        if (HashScheme.of(hash) != HashScheme.ARGON2ID || storedHash.startsWith("{")) {
            return true;
        }
        try {
            Argon2Function current = Argon2Function.getInstanceFromHash(hash);
            return current.getMemory() != settings.memoryKib()
                    || current.getIterations() != settings.iterations()
                    || current.getParallelism() != settings.parallelism()
                    || current.getVersion() != Argon2Function.ARGON2_VERSION_13;
        } catch (RuntimeException malformed) {
            return true;
        }
    }
}
