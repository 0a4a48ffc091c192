package io.buzon.store.password;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code buzon.password.*}; every key and default is listed in docs/PASSWORDS.md. */
@ConfigMapping(prefix = "buzon.password")
public interface PasswordConfig {

    Argon2 argon2();

    Scram scram();

    Policy policy();

    interface Argon2 {
        /** Memory per hash in KiB (19456 = 19 MiB, OWASP's minimum for argon2id). */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /**
         * argon2id computations allowed at once, 0 = one per CPU. More than the CPUs gains no throughput,
         * and each holds {@code memory-kib} of heap: a burst of logins would grow the heap for nothing.
         */
        @WithDefault("0")
        int maxConcurrent();
    }

    interface Scram {
        /** PBKDF2 iterations for new SCRAM-SHA-256 credentials (RFC 7677 minimum 4096). */
        @WithDefault("4096")
        int iterations();
    }

    /** The lowest level of the policy; the global and domain rows of {@code password_policy} override it. */
    interface Policy {
        @WithDefault("10")
        int minLength();

        @WithDefault("128")
        int maxLength();

        @WithDefault("0")
        int minUppercase();

        @WithDefault("0")
        int minLowercase();

        @WithDefault("0")
        int minDigits();

        @WithDefault("0")
        int minSymbols();

        @WithDefault("3")
        int minStrengthScore();

        @WithDefault("true")
        boolean rejectCommon();

        @WithDefault("true")
        boolean rejectLogin();

        @WithDefault("5")
        int historyCount();

        @WithDefault("0")
        int maxAgeDays();

        @WithDefault("10")
        int lockoutThreshold();

        @WithDefault("15M")
        Duration lockoutWindow();

        @WithDefault("15M")
        Duration lockoutDuration();

        /** Mail clients need app passwords and the self-service page insists on TOTP enrolment. */
        @WithDefault("false")
        boolean requireTwoFactor();

        /** A replacement for the shipped common/breached list (same format: one password a line). */
        Optional<Path> commonListFile();
    }

    default Argon2Settings argon2Settings() {
        return new Argon2Settings(argon2().memoryKib(), argon2().iterations(), argon2().parallelism(), argon2().maxConcurrent());
    }

    default PasswordPolicy basePolicy() {
        Policy p = policy();
        return new PasswordPolicy(p.minLength(), p.maxLength(), p.minUppercase(), p.minLowercase(), p.minDigits(),
                p.minSymbols(), p.minStrengthScore(), p.rejectCommon(), p.rejectLogin(), p.historyCount(),
                p.maxAgeDays(), p.lockoutThreshold(), p.lockoutWindow(), p.lockoutDuration(), p.requireTwoFactor());
    }
}
