package io.buzon.store.password;

import java.time.Duration;

/**
 * One row of {@code password_policy}: every field may be null, meaning "inherit from the level
 * above" (domain inherits from global, global inherits from configuration).
 */
public record PolicyOverrides(
        Integer minLength,
        Integer maxLength,
        Integer minUppercase,
        Integer minLowercase,
        Integer minDigits,
        Integer minSymbols,
        Integer minStrengthScore,
        Boolean rejectCommon,
        Boolean rejectLogin,
        Integer historyCount,
        Integer maxAgeDays,
        Integer lockoutThreshold,
        Duration lockoutWindow,
        Duration lockoutDuration,
        Boolean requireTwoFactor) {

    public static final PolicyOverrides NONE = new PolicyOverrides(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    /** A row that leaves the two-factor requirement to the level above. */
    public PolicyOverrides(Integer minLength, Integer maxLength, Integer minUppercase, Integer minLowercase,
                           Integer minDigits, Integer minSymbols, Integer minStrengthScore, Boolean rejectCommon,
                           Boolean rejectLogin, Integer historyCount, Integer maxAgeDays, Integer lockoutThreshold,
                           Duration lockoutWindow, Duration lockoutDuration) {
        this(minLength, maxLength, minUppercase, minLowercase, minDigits, minSymbols, minStrengthScore, rejectCommon,
                rejectLogin, historyCount, maxAgeDays, lockoutThreshold, lockoutWindow, lockoutDuration, null);
    }

    /** {@code base} with every non-null field of this row applied; validates the result. */
    public PasswordPolicy applyTo(PasswordPolicy base) {
        return new PasswordPolicy(
                or(minLength, base.minLength()),
                or(maxLength, base.maxLength()),
                or(minUppercase, base.minUppercase()),
                or(minLowercase, base.minLowercase()),
                or(minDigits, base.minDigits()),
                or(minSymbols, base.minSymbols()),
                or(minStrengthScore, base.minStrengthScore()),
                or(rejectCommon, base.rejectCommon()),
                or(rejectLogin, base.rejectLogin()),
                or(historyCount, base.historyCount()),
                or(maxAgeDays, base.maxAgeDays()),
                or(lockoutThreshold, base.lockoutThreshold()),
                or(lockoutWindow, base.lockoutWindow()),
                or(lockoutDuration, base.lockoutDuration()),
                or(requireTwoFactor, base.requireTwoFactor()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
