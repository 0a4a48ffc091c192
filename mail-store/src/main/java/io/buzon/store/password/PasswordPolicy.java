package io.buzon.store.password;

import java.time.Duration;

/**
 * The rules in force for one account: configuration defaults, overridden by the global row of
 * {@code password_policy}, overridden by the account's domain row (see {@link PolicyOverrides}).
 *
 * @param minLength         fewest characters (UTF-16 units, as Passay counts)
 * @param maxLength         most characters
 * @param minUppercase      fewest upper-case letters (A-Z and accented/Ñ); 0 = no rule
 * @param minLowercase      fewest lower-case letters; 0 = no rule
 * @param minDigits         fewest digits 0-9; 0 = no rule
 * @param minSymbols        fewest symbols (ASCII punctuation and similar); 0 = no rule
 * @param minStrengthScore  fewest zxcvbn points, 0 (guessable) to 4 (very hard); 0 = no rule
 * @param rejectCommon      refuse passwords on the shipped common/breached list
 * @param rejectLogin       refuse passwords containing the login's local part, forwards or backwards
 * @param historyCount      the last N passwords may not be reused; 0 = no rule
 * @param maxAgeDays        a password older than this stops working (outcome EXPIRED); 0 = never
 * @param lockoutThreshold  failed logins within {@code lockoutWindow} that lock the login; 0 = never
 * @param lockoutWindow     the window failures are counted in
 * @param lockoutDuration   how long a locked login stays locked
 * @param requireTwoFactor  mail clients need app passwords (the main password opens only the self-service
 *                          page, which insists on TOTP enrolment), as if the user had turned two-factor on
 */
public record PasswordPolicy(
        int minLength,
        int maxLength,
        int minUppercase,
        int minLowercase,
        int minDigits,
        int minSymbols,
        int minStrengthScore,
        boolean rejectCommon,
        boolean rejectLogin,
        int historyCount,
        int maxAgeDays,
        int lockoutThreshold,
        Duration lockoutWindow,
        Duration lockoutDuration,
        boolean requireTwoFactor) {

    /** A policy that does not require two-factor. */
    public PasswordPolicy(int minLength, int maxLength, int minUppercase, int minLowercase, int minDigits,
                          int minSymbols, int minStrengthScore, boolean rejectCommon, boolean rejectLogin,
                          int historyCount, int maxAgeDays, int lockoutThreshold, Duration lockoutWindow,
                          Duration lockoutDuration) {
        this(minLength, maxLength, minUppercase, minLowercase, minDigits, minSymbols, minStrengthScore, rejectCommon,
                rejectLogin, historyCount, maxAgeDays, lockoutThreshold, lockoutWindow, lockoutDuration, false);
    }

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength) {
            throw new PolicyConsistencyException("POLICY_LENGTH_RANGE",
                    "need 1 <= min-length <= max-length, got " + minLength + ".." + maxLength);
        }
        if (minUppercase < 0 || minLowercase < 0 || minDigits < 0 || minSymbols < 0) {
            throw new PolicyConsistencyException("POLICY_NEGATIVE", "character-class minimums must be >= 0");
        }
        if (minStrengthScore < 0 || minStrengthScore > 4) {
            throw new PolicyConsistencyException("POLICY_STRENGTH_RANGE", "min-strength-score must be 0..4, got "
                    + minStrengthScore);
        }
        if (historyCount < 0 || maxAgeDays < 0 || lockoutThreshold < 0) {
            throw new PolicyConsistencyException("POLICY_NEGATIVE",
                    "history-count, max-age-days and lockout-threshold must be >= 0");
        }
        if (lockoutWindow.isNegative() || lockoutWindow.isZero() || lockoutDuration.isNegative()
                || lockoutDuration.isZero()) {
            throw new PolicyConsistencyException("POLICY_LOCKOUT_TIMES", "lockout window and duration must be positive");
        }
    }

    /** The built-in defaults, also the defaults of the {@code buzon.password.policy.*} keys. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(10, 128, 0, 0, 0, 0, 3, true, true, 5, 0, 10,
            Duration.ofMinutes(15), Duration.ofMinutes(15));
}
