package io.buzon.store.password;

/**
 * What password and login code need to know about an account.
 *
 * @param active false when the account or its domain is disabled
 */
public record AccountIdentity(long accountId, long domainId, String login, boolean active) {
}
