package io.buzon.store.password;

/**
 * Cost of the argon2id hashes Buzón writes (existing hashes with other costs are rehashed at login), and
 * how many argon2id computations may run at once ({@code maxConcurrent}; 0 = one per CPU).
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism, int maxConcurrent) {

    /** OWASP's minimum recommendation for argon2id (19 MiB, 2 passes, 1 lane). */
    public static final Argon2Settings DEFAULT = new Argon2Settings(19456, 2, 1);

    public Argon2Settings(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, 0);
    }

    /** The concurrency limit in force: {@code maxConcurrent}, or the number of CPUs when it is 0. */
    public int effectiveMaxConcurrent() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }

    public Argon2Settings {
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("argon2 max-concurrent must be 0 (one per CPU) or more, not " + maxConcurrent);
        }
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("argon2 cost out of range: memory-kib=" + memoryKib
                    + " iterations=" + iterations + " parallelism=" + parallelism
                    + " (need iterations >= 1, parallelism >= 1, memory-kib >= 8 x parallelism)");
        }
    }
}
