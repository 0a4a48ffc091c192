package io.buzon.store.password;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyCheckerTest {

    private static final String LOGIN = "lucia.garcia@example.es";
    private static final PasswordPolicyChecker CHECKER = new PasswordPolicyChecker(CommonPasswords.shipped());

    /** Only the rule under test switched on. */
    private static PasswordPolicy only(int minLength, int maxLength, int upper, int lower, int digits, int symbols,
                                       int strength, boolean common, boolean login) {
        return new PasswordPolicy(minLength, maxLength, upper, lower, digits, symbols, strength, common, login, 0, 0,
                0, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    private static List<String> codes(PasswordPolicy policy, String candidate) {
        return CHECKER.check(policy, candidate, LOGIN).stream().map(PolicyViolation::code).toList();
    }

    @Test
    void length() {
        PasswordPolicy policy = only(12, 20, 0, 0, 0, 0, 0, false, false);
        List<PolicyViolation> shortOne = CHECKER.check(policy, "elevenchars", LOGIN);
        assertEquals(List.of(new PolicyViolation("PASSWORD_TOO_SHORT",
                "The password must be at least 12 characters long.", Map.of("min", 12))), shortOne);
        List<PolicyViolation> longOne = CHECKER.check(policy, "twenty-one characters", LOGIN);
        assertEquals(List.of(new PolicyViolation("PASSWORD_TOO_LONG",
                "The password must be at most 20 characters long.", Map.of("max", 20))), longOne);
        assertEquals(List.of(), codes(policy, "twelve chars"));
        assertEquals(List.of(), codes(policy, "twenty characters!!!"));
    }

    @Test
    void characterClasses() {
        assertEquals(List.of("PASSWORD_NEEDS_UPPERCASE"), codes(only(1, 64, 2, 0, 0, 0, 0, false, false), "abcDef"));
        assertEquals(List.of(), codes(only(1, 64, 2, 0, 0, 0, 0, false, false), "abcDÑf"));
        assertEquals(List.of("PASSWORD_NEEDS_LOWERCASE"), codes(only(1, 64, 0, 1, 0, 0, 0, false, false), "ABC123"));
        assertEquals(List.of("PASSWORD_NEEDS_DIGIT"), codes(only(1, 64, 0, 0, 1, 0, 0, false, false), "abcdef"));
        assertEquals(List.of("PASSWORD_NEEDS_SYMBOL"), codes(only(1, 64, 0, 0, 0, 1, 0, false, false), "abc123"));
        assertEquals(List.of(), codes(only(1, 64, 0, 0, 0, 1, 0, false, false), "abc¿123"));
        PolicyViolation digits = CHECKER.check(only(1, 64, 0, 0, 3, 0, 0, false, false), "ab1", LOGIN).get(0);
        assertEquals("The password must contain at least 3 digits.", digits.message());
        assertEquals(Map.of("min", 3), digits.parameters());
    }

    @Test
    void loginNameForwardsAndBackwards() {
        PasswordPolicy policy = only(1, 64, 0, 0, 0, 0, 0, false, true);
        assertEquals(List.of("PASSWORD_CONTAINS_LOGIN"), codes(policy, "my LUCIA.GARCIA secret"));
        assertEquals(List.of("PASSWORD_CONTAINS_LOGIN"), codes(policy, "aicrag.aicul-xyz"));
        assertEquals(List.of(), codes(policy, "lucia alone is fine"));
    }

    @Test
    void controlCharacters() {
        assertEquals(List.of("PASSWORD_CONTROL_CHARACTER"),
                codes(only(1, 64, 0, 0, 0, 0, 0, false, false), "tab\there"));
    }

    @Test
    void commonAndBreachedListIsCaseInsensitive() {
        PasswordPolicy policy = only(1, 64, 0, 0, 0, 0, 0, true, false);
        assertEquals(List.of("PASSWORD_COMMON"), codes(policy, "Password1"));
        assertEquals(List.of("PASSWORD_COMMON"), codes(policy, "TEQUIERO123"));
        assertEquals(List.of(), codes(policy, "zapato verde nublado"));
        assertTrue(CommonPasswords.shipped().size() >= 10_000, "shipped list size");
    }

    @Test
    void strengthScore() {
        PasswordPolicy policy = only(1, 64, 0, 0, 0, 0, 3, false, false);
        List<PolicyViolation> weak = CHECKER.check(policy, "abcabcabc", LOGIN);
        assertEquals(1, weak.size());
        assertEquals("PASSWORD_TOO_WEAK", weak.get(0).code());
        assertEquals(3, weak.get(0).parameters().get("required"));
        assertTrue(weak.get(0).parameters().get("score") < 3);
        assertEquals(List.of(), codes(policy, "granizo sobre tejados de pizarra"));
        assertTrue(CHECKER.strength("luciagarcia2024", LOGIN) < CHECKER.strength("zurdo9Kafetal!lomo", LOGIN));
    }

    @Test
    void defaultsReportEveryBrokenRuleAtOnce() {
        assertEquals(List.of("PASSWORD_TOO_SHORT", "PASSWORD_COMMON", "PASSWORD_TOO_WEAK"),
                codes(PasswordPolicy.DEFAULT, "qwerty"));
        assertEquals(List.of(), codes(PasswordPolicy.DEFAULT, "granizo sobre tejados de pizarra"));
    }

    @Test
    void domainOverridesGlobalWhichOverridesDefaults() {
        PolicyOverrides global = new PolicyOverrides(14, null, null, null, 1, null, null, null, null, 8, null, null,
                null, null);
        PolicyOverrides domain = new PolicyOverrides(null, null, null, null, 0, null, 4, null, null, null, 90, null,
                null, Duration.ofMinutes(30));
        PasswordPolicy effective = domain.applyTo(global.applyTo(PasswordPolicy.DEFAULT));
        assertEquals(new PasswordPolicy(14, 128, 0, 0, 0, 0, 4, true, true, 8, 90, 10, Duration.ofMinutes(15),
                Duration.ofMinutes(30)), effective);
    }
}
