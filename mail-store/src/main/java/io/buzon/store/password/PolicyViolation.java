package io.buzon.store.password;

import java.util.Map;

/**
 * One reason a password was refused. {@code code} is stable (the console translates by it, e.g. to
 * Spanish, filling in {@code parameters}); {@code message} is the English text.
 */
public record PolicyViolation(String code, String message, Map<String, Integer> parameters) {

    public static final String TOO_SHORT = "PASSWORD_TOO_SHORT";
    public static final String TOO_LONG = "PASSWORD_TOO_LONG";
    public static final String NEEDS_UPPERCASE = "PASSWORD_NEEDS_UPPERCASE";
    public static final String NEEDS_LOWERCASE = "PASSWORD_NEEDS_LOWERCASE";
    public static final String NEEDS_DIGIT = "PASSWORD_NEEDS_DIGIT";
    public static final String NEEDS_SYMBOL = "PASSWORD_NEEDS_SYMBOL";
    public static final String CONTAINS_LOGIN = "PASSWORD_CONTAINS_LOGIN";
    public static final String CONTROL_CHARACTER = "PASSWORD_CONTROL_CHARACTER";
    public static final String TOO_WEAK = "PASSWORD_TOO_WEAK";
    public static final String COMMON = "PASSWORD_COMMON";
    public static final String REUSED = "PASSWORD_REUSED";

    public PolicyViolation {
        parameters = Map.copyOf(parameters);
    }
}
