package io.buzon.store.account;

/**
 * Criteria for listing accounts; {@code null} fields do not filter.
 *
 * @param domain  exact domain name (any case)
 * @param search  substring of login or display name, case-insensitive
 * @param enabled only enabled or only disabled accounts
 */
public record AccountFilter(String domain, String search, Boolean enabled) {

    /** Matches every account. */
    public static AccountFilter all() {
        return new AccountFilter(null, null, null);
    }
}
