package io.buzon.console.policy;

import io.buzon.console.ConsoleException;
import io.buzon.store.password.PolicyOverrides;

import java.time.Duration;

/**
 * The policy form's fields as typed (blank = inherit from the level above), converted to and from the
 * store's {@link PolicyOverrides}. Lockout window and duration are entered in minutes.
 */
public record PolicyForm(String minLength, String maxLength, String minUppercase, String minLowercase,
                         String minDigits, String minSymbols, String minStrengthScore, String rejectCommon,
                         String rejectLogin, String historyCount, String maxAgeDays, String lockoutThreshold,
                         String lockoutWindowMinutes, String lockoutDurationMinutes, String requireTwoFactor) {

    public static PolicyForm of(PolicyOverrides o) {
        return new PolicyForm(s(o.minLength()), s(o.maxLength()), s(o.minUppercase()), s(o.minLowercase()),
                s(o.minDigits()), s(o.minSymbols()), s(o.minStrengthScore()), b(o.rejectCommon()), b(o.rejectLogin()),
                s(o.historyCount()), s(o.maxAgeDays()), s(o.lockoutThreshold()), minutes(o.lockoutWindow()),
                minutes(o.lockoutDuration()), b(o.requireTwoFactor()));
    }

    public PolicyOverrides toOverrides() {
        return new PolicyOverrides(i(minLength), i(maxLength), i(minUppercase), i(minLowercase), i(minDigits),
                i(minSymbols), i(minStrengthScore), bool(rejectCommon), bool(rejectLogin), i(historyCount),
                i(maxAgeDays), i(lockoutThreshold), duration(lockoutWindowMinutes), duration(lockoutDurationMinutes),
                choice(requireTwoFactor));
    }

    private static String s(Integer v) {
        return v == null ? "" : v.toString();
    }

    private static String b(Boolean v) {
        return v == null ? "" : v.toString();
    }

    private static String minutes(Duration d) {
        return d == null ? "" : Long.toString(d.toMinutes());
    }

    private static Integer i(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(field.trim());
            if (v < 0) {
                throw new ConsoleException("error_policy_number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConsoleException("error_policy_number");
        }
    }

    private static Boolean bool(String field) {
        return field == null || field.isBlank() ? null : Boolean.valueOf("true".equals(field));
    }

    /** Strict: a tampered value is refused rather than read as "no". */
    private static Boolean choice(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return switch (field.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ConsoleException("error_policy_choice");
        };
    }

    private static Duration duration(String minutes) {
        Integer m = i(minutes);
        if (m != null && m == 0) {
            throw new ConsoleException("error_policy_number");
        }
        return m == null ? null : Duration.ofMinutes(m);
    }
}
