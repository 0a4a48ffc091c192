package io.buzon.jmh;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one login costs in password hashing: an argon2id verification with Password4j at the cost the
 * auth module uses for new and rehashed passwords (m = 19456 KiB, t = 2, p = 1). One core's logins per
 * second cannot exceed 1000 / score. For comparison, SHA512-CRYPT at 5000 rounds (Dovecot's imported
 * hashes) costs about 5 ms of CPU in OpenSSL on the same machine ({@code openssl passwd -6}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PasswordHashBenchmark {

    @Param({"19456"})
    public int memoryKib;

    private Argon2Function argon2;
    private String hash;

    @Setup
    public void setUp() {
        argon2 = Argon2Function.getInstance(memoryKib, 2, 1, 32, Argon2.ID, 19);
        hash = Password.hash("secret-1").addRandomSalt(16).with(argon2).getResult();
    }

    @Benchmark
    public boolean argon2idVerify() {
        return Password.check("secret-1", hash).with(argon2);
    }
}
