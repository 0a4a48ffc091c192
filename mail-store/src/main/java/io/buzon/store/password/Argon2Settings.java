package io.buzon.store.password;

/** Cost of the argon2id hashes Buzón writes. Existing hashes with other costs are rehashed at login. */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) {

    /** OWASP's minimum recommendation for argon2id (19 MiB, 2 passes, 1 lane). */
    public static final Argon2Settings DEFAULT = new Argon2Settings(19456, 2, 1);

    public Argon2Settings {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("argon2 cost out of range: memory-kib=" + memoryKib
                    + " iterations=" + iterations + " parallelism=" + parallelism
                    + " (need iterations >= 1, parallelism >= 1, memory-kib >= 8 x parallelism)");
        }
    }
}
