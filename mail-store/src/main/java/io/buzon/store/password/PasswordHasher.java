package io.buzon.store.password;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong verifications = new AtomicLong();
    // Each argon2id computation allocates memory-kib of heap. Capping them at the CPU count costs no
    // throughput (they are CPU-bound) and keeps a burst of logins from growing the heap, which a JVM
    // keeps committed afterwards: measured as several hundred KiB of resident memory per idle session
    // opened during such a burst (docs/BENCHMARKS.md).
    private final Semaphore argon2Slots;
    private final AtomicInteger argon2Running = new AtomicInteger();
    private final AtomicInteger argon2Peak = new AtomicInteger();

    public PasswordHasher(Argon2Settings settings) {
        this.settings = settings;
        this.argon2Slots = new Semaphore(settings.effectiveMaxConcurrent(), true);
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
        return withArgon2Slot(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult());
    }

    /** True when {@code password} matches {@code storedHash}; false for any malformed or unknown hash. */
    public boolean verify(CharSequence password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        verifications.incrementAndGet();
        String hash = HashScheme.stripDovecotPrefix(storedHash);
        try {
            return switch (HashScheme.of(hash)) {
                case ARGON2ID -> withArgon2Slot(() -> Argon2Function.getInstanceFromHash(hash).check(password, hash));
                case BCRYPT -> BcryptFunction.getInstanceFromHash(hash).check(password, hash);
                case SHA512_CRYPT -> Sha512Crypt.matches(password, hash);
                case UNKNOWN -> false;
            };
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private <T> T withArgon2Slot(java.util.function.Supplier<T> work) {
        argon2Slots.acquireUninterruptibly();
        try {
            argon2Peak.accumulateAndGet(argon2Running.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            argon2Running.decrementAndGet();
            argon2Slots.release();
        }
    }

    /** The most argon2id computations this instance has run at the same moment (tests check the cap). */
    public int argon2PeakConcurrency() {
        return argon2Peak.get();
    }

    /**
     * Spends the same work as verifying a stored hash of the current scheme, for logins whose account
     * does not exist, so response time does not tell whether a login name is known.
     */
    public void verifyDummy(CharSequence password) {
        verify(password == null ? "" : password, dummyHash);
    }

    /**
     * How many hash verifications this instance has run. Equal work for known and unknown logins is a
     * count of verifications at one cost, which tests can check exactly (timings on a shared machine cannot).
     */
    public long verifications() {
        return verifications.get();
    }

    /** The hash that {@link #verifyDummy} checks against. */
    String dummyHash() {
        return dummyHash;
    }

    /** Largest costs accepted from imports, so a hostile or mistaken hash cannot make one login take minutes. */
    static final int MAX_IMPORT_ARGON2_MEMORY_KIB = 1024 * 1024;
    static final int MAX_IMPORT_ARGON2_ITERATIONS = 64;
    static final int MAX_IMPORT_ARGON2_PARALLELISM = 16;
    static final int MAX_IMPORT_BCRYPT_COST = 16;
    static final int MAX_IMPORT_SHA512_ROUNDS = 10_000_000;

    /**
     * Checks that an imported hash is well-formed and of a cost Buzón will verify.
     *
     * @throws IllegalArgumentException with the reason otherwise
     */
    public static void requireImportable(String storedHash) {
        String hash = storedHash == null ? null : HashScheme.stripDovecotPrefix(storedHash);
        switch (HashScheme.of(hash)) {
            case ARGON2ID -> {
                // Parsed here rather than by Password4j, which would set up an instance of that cost.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{22,}")
                        .matcher(hash);
                if (!m.matches()) {
                    throw new IllegalArgumentException(
                            "malformed argon2id hash: expected $argon2id$v=19$m=..,t=..,p=..$salt$hash");
                }
                if (Long.parseLong(m.group(1)) > MAX_IMPORT_ARGON2_MEMORY_KIB
                        || Long.parseLong(m.group(2)) > MAX_IMPORT_ARGON2_ITERATIONS
                        || Long.parseLong(m.group(3)) > MAX_IMPORT_ARGON2_PARALLELISM) {
                    throw new IllegalArgumentException("argon2id cost too high to verify (at most m="
                            + MAX_IMPORT_ARGON2_MEMORY_KIB + ", t=" + MAX_IMPORT_ARGON2_ITERATIONS + ", p="
                            + MAX_IMPORT_ARGON2_PARALLELISM + ")");
                }
            }
            case BCRYPT -> {
                if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                    throw new IllegalArgumentException("malformed bcrypt hash: expected $2y$NN$ and 53 characters");
                }
                int cost = Integer.parseInt(hash.substring(4, 6));
                if (cost < 4 || cost > MAX_IMPORT_BCRYPT_COST) {
                    throw new IllegalArgumentException("bcrypt cost must be 4.." + MAX_IMPORT_BCRYPT_COST + ", got " + cost);
                }
            }
            case SHA512_CRYPT -> {
                if (!hash.matches("\\$6\\$(rounds=\\d{1,9}\\$)?[^$:\\s]{0,16}\\$[./A-Za-z0-9]{86}")) {
                    throw new IllegalArgumentException("malformed SHA512-CRYPT hash: expected $6$[rounds=N$]salt$86 characters");
                }
                if (hash.startsWith("$6$rounds=")) {
                    long rounds = Long.parseLong(hash.substring(10, hash.indexOf('$', 10)));
                    if (rounds > MAX_IMPORT_SHA512_ROUNDS) {
                        throw new IllegalArgumentException("SHA512-CRYPT rounds above " + MAX_IMPORT_SHA512_ROUNDS);
                    }
                }
            }
            case UNKNOWN -> throw new IllegalArgumentException("unsupported password hash format: expected "
                    + "$argon2id$, $2a$/$2b$/$2y$ (bcrypt) or $6$ (SHA512-CRYPT), optionally with a "
                    + "{SHA512-CRYPT}/{BLF-CRYPT}/{ARGON2ID}/{CRYPT} prefix");
        }
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
