package io.buzon.store.password;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.passay.CharacterData;
import org.passay.CharacterRule;
import org.passay.EnglishCharacterData;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.Rule;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.UsernameRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a candidate password against a {@link PasswordPolicy}: Passay for length, character classes
 * and the login name; zxcvbn for the strength score; the {@link CommonPasswords} list. History needs
 * the stored hashes and is checked by {@link PasswordService}. Pure: no database, thread-safe.
 */
public class PasswordPolicyChecker {

    private static final CharacterData UPPER = characters(PolicyViolation.NEEDS_UPPERCASE,
            EnglishCharacterData.UpperCase.getCharacters() + "ÁÉÍÓÚÜÑÀÈÌÒÙÇÏ");
    private static final CharacterData LOWER = characters(PolicyViolation.NEEDS_LOWERCASE,
            EnglishCharacterData.LowerCase.getCharacters() + "áéíóúüñàèìòùçï");
    private static final CharacterData DIGIT = characters(PolicyViolation.NEEDS_DIGIT,
            EnglishCharacterData.Digit.getCharacters());
    private static final CharacterData SYMBOL = characters(PolicyViolation.NEEDS_SYMBOL,
            EnglishCharacterData.Special.getCharacters() + "¡¿€ºª·¬");

    private final CommonPasswords commonPasswords;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicyChecker(CommonPasswords commonPasswords) {
        this.commonPasswords = commonPasswords;
    }

    /**
     * Every rule the candidate breaks, in a stable order (length, classes, login, control characters,
     * common list, strength). Empty means acceptable, except for history.
     *
     * @param login the account's {@code local@domain}, used by the login rule and as zxcvbn user input
     */
    public List<PolicyViolation> check(PasswordPolicy policy, String candidate, String login) {
        List<PolicyViolation> violations = new ArrayList<>();
        String localPart = localPart(login);
        List<Rule> rules = new ArrayList<>();
        rules.add(new LengthRule(policy.minLength(), policy.maxLength()));
        addClassRule(rules, UPPER, policy.minUppercase());
        addClassRule(rules, LOWER, policy.minLowercase());
        addClassRule(rules, DIGIT, policy.minDigits());
        addClassRule(rules, SYMBOL, policy.minSymbols());
        if (policy.rejectLogin() && localPart.length() >= 3) {
            rules.add(new UsernameRule(true, true));
        }
        RuleResult result = new PasswordValidator(rules).validate(new PasswordData(localPart, candidate));
        for (RuleResultDetail detail : result.getDetails()) {
            violations.add(translate(detail, policy));
        }
        if (candidate.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new PolicyViolation(PolicyViolation.CONTROL_CHARACTER,
                    "The password must not contain control characters such as tabs or line breaks.", Map.of()));
        }
        boolean common = policy.rejectCommon() && commonPasswords.contains(candidate);
        if (common) {
            violations.add(new PolicyViolation(PolicyViolation.COMMON,
                    "The password is on the list of common or leaked passwords; choose another.", Map.of()));
        }
        if (policy.minStrengthScore() > 0 && candidate.length() <= policy.maxLength()) {
            int score = strength(candidate, login);
            if (score < policy.minStrengthScore()) {
                violations.add(new PolicyViolation(PolicyViolation.TOO_WEAK,
                        "The password is too easy to guess (strength " + score + " of 4, at least "
                                + policy.minStrengthScore() + " needed); a longer phrase of unrelated words helps.",
                        Map.of("score", score, "required", policy.minStrengthScore())));
            }
        }
        return List.copyOf(violations);
    }

    /** The zxcvbn score 0..4, with the login's parts as user-specific words. */
    public int strength(String candidate, String login) {
        List<String> userInputs = new ArrayList<>();
        if (login != null) {
            for (String part : login.toLowerCase(Locale.ROOT).split("[@._+-]")) {
                if (!part.isEmpty()) {
                    userInputs.add(part);
                }
            }
        }
        Strength strength = zxcvbn.measure(candidate, userInputs);
        int score = strength.getScore();
        strength.wipe();
        return score;
    }

    private static void addClassRule(List<Rule> rules, CharacterData data, int minimum) {
        if (minimum > 0) {
            rules.add(new CharacterRule(data, minimum));
        }
    }

    private static PolicyViolation translate(RuleResultDetail detail, PasswordPolicy policy) {
        String code = detail.getErrorCode();
        return switch (code) {
            case LengthRule.ERROR_CODE_MIN -> new PolicyViolation(PolicyViolation.TOO_SHORT,
                    "The password must be at least " + policy.minLength() + " characters long.",
                    Map.of("min", policy.minLength()));
            case LengthRule.ERROR_CODE_MAX -> new PolicyViolation(PolicyViolation.TOO_LONG,
                    "The password must be at most " + policy.maxLength() + " characters long.",
                    Map.of("max", policy.maxLength()));
            case PolicyViolation.NEEDS_UPPERCASE -> classViolation(code, policy.minUppercase(), "upper-case letter");
            case PolicyViolation.NEEDS_LOWERCASE -> classViolation(code, policy.minLowercase(), "lower-case letter");
            case PolicyViolation.NEEDS_DIGIT -> classViolation(code, policy.minDigits(), "digit");
            case PolicyViolation.NEEDS_SYMBOL -> classViolation(code, policy.minSymbols(), "symbol");
            case UsernameRule.ERROR_CODE, UsernameRule.ERROR_CODE_REVERSED -> new PolicyViolation(
                    PolicyViolation.CONTAINS_LOGIN, "The password must not contain your user name.", Map.of());
            default -> throw new IllegalStateException("unmapped Passay rule " + code);
        };
    }

    private static PolicyViolation classViolation(String code, int minimum, String what) {
        Map<String, Integer> parameters = new LinkedHashMap<>();
        parameters.put("min", minimum);
        return new PolicyViolation(code, "The password must contain at least " + minimum + " " + what
                + (minimum == 1 ? "" : "s") + ".", parameters);
    }

    private static String localPart(String login) {
        if (login == null) {
            return "";
        }
        int at = login.indexOf('@');
        return at < 0 ? login : login.substring(0, at);
    }

    private static CharacterData characters(String code, String characters) {
        return new CharacterData() {
            @Override
            public String getErrorCode() {
                return code;
            }

            @Override
            public String getCharacters() {
                return characters;
            }
        };
    }
}
