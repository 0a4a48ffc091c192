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
                         String lockoutWindowMinutes, String lockoutDurationMinutes) {

    public static PolicyForm of(PolicyOverrides o) {
        return new PolicyForm(s(o.minLength()), s(o.maxLength()), s(o.minUppercase()), s(o.minLowercase()),
                s(o.minDigits()), s(o.minSymbols()), s(o.minStrengthScore()), b(o.rejectCommon()), b(o.rejectLogin()),
                s(o.historyCount()), s(o.maxAgeDays()), s(o.lockoutThreshold()), minutes(o.lockoutWindow()),
                minutes(o.lockoutDuration()));
    }

    public PolicyOverrides toOverrides() {
        return new PolicyOverrides(i(minLength), i(maxLength), i(minUppercase), i(minLowercase), i(minDigits),
                i(minSymbols), i(minStrengthScore), bool(rejectCommon), bool(rejectLogin), i(historyCount),
                i(maxAgeDays), i(lockoutThreshold), duration(lockoutWindowMinutes), duration(lockoutDurationMinutes));
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

    private static Duration duration(String minutes) {
        Integer m = i(minutes);
        if (m != null && m == 0) {
            throw new ConsoleException("error_policy_number");
        }
        return m == null ? null : Duration.ofMinutes(m);
    }
}
