package io.buzon.store.domain;

import io.buzon.store.ValidationException;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises and validates domain names (ASCII / A-labels; IDNs must be given in punycode). */
public final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private DomainNames() {
    }

    /** Returns the lower-case form of {@code name}, or throws {@link ValidationException} saying what is wrong. */
    public static String normalise(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("domain name is required").withReason("DOMAIN_NAME_REQUIRED");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.length() > 253) {
            throw new ValidationException("domain name is longer than 253 characters").withReason("DOMAIN_NAME_TOO_LONG");
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new ValidationException("domain name '" + name + "' is not valid: each dot-separated part must be"
                        + " 1-63 letters, digits or hyphens, not starting or ending with a hyphen")
                        .withReason("DOMAIN_NAME_INVALID");
            }
        }
        return lower;
    }
}
