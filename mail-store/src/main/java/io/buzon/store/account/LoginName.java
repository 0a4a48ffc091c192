package io.buzon.store.account;

import io.buzon.store.ValidationException;
import io.buzon.store.domain.DomainNames;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A login {@code local@domain} split and normalised to lower case. Local parts are matched
 * case-insensitively, as nearly every mail server does, so {@code Ana@Example.org} and
 * {@code ana@example.org} are one account.
 */
public record LoginName(String localPart, String domain) {

    // RFC 5322 dot-atom text: atext separated by single dots
    private static final Pattern DOT_ATOM =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** Parses and validates {@code login}; throws {@link ValidationException} with a readable reason. */
    public static LoginName parse(String login) {
        if (login == null || login.isBlank()) {
            throw new ValidationException("login is required (local@domain)").withReason("LOGIN_REQUIRED");
        }
        String trimmed = login.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new ValidationException("login '" + login + "' must have the form local@domain").withReason("LOGIN_FORM");
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > 64) {
            throw new ValidationException("the part before @ is longer than 64 characters")
                    .withReason("LOCAL_PART_TOO_LONG");
        }
        if (!DOT_ATOM.matcher(local).matches()) {
            throw new ValidationException("the part before @ may contain letters, digits and !#$%&'*+/=?^_`{|}~-"
                    + " with single dots between them").withReason("LOCAL_PART_CHARACTERS");
        }
        return new LoginName(local, DomainNames.normalise(trimmed.substring(at + 1)));
    }

    /** {@code local@domain}. */
    public String login() {
        return localPart + "@" + domain;
    }
}
