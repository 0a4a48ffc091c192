package io.buzon.console.accounts;

import io.buzon.console.web.ConsoleMessages;
import io.buzon.store.password.PolicyViolation;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.List;
import java.util.Locale;

/** The store's password-policy reasons in the reader's language, by their stable codes. */
public final class PolicyText {

    private PolicyText() {
    }

    public static List<String> of(List<PolicyViolation> violations, Locale locale) {
        ConsoleMessages m = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(locale.getLanguage()));
        return violations.stream().map(v -> text(v, m)).toList();
    }

    static String text(PolicyViolation v, ConsoleMessages m) {
        return switch (v.code()) {
            case PolicyViolation.TOO_SHORT -> m.pw_tooShort(p(v, "min"));
            case PolicyViolation.TOO_LONG -> m.pw_tooLong(p(v, "max"));
            case PolicyViolation.NEEDS_UPPERCASE -> m.pw_needsUpper(p(v, "min"));
            case PolicyViolation.NEEDS_LOWERCASE -> m.pw_needsLower(p(v, "min"));
            case PolicyViolation.NEEDS_DIGIT -> m.pw_needsDigit(p(v, "min"));
            case PolicyViolation.NEEDS_SYMBOL -> m.pw_needsSymbol(p(v, "min"));
            case PolicyViolation.CONTAINS_LOGIN -> m.pw_containsLogin();
            case PolicyViolation.CONTROL_CHARACTER -> m.pw_control();
            case PolicyViolation.TOO_WEAK -> m.pw_tooWeak(p(v, "score"), p(v, "required"));
            case PolicyViolation.COMMON -> m.pw_common();
            case PolicyViolation.REUSED -> m.pw_reused(p(v, "count"));
            default -> v.message();
        };
    }

    private static String p(PolicyViolation v, String name) {
        Integer value = v.parameters().get(name);
        return value == null ? "?" : value.toString();
    }
}
