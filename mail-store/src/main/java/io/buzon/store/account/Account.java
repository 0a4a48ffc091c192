package io.buzon.store.account;

import java.time.Instant;

/**
 * A mailbox account as the rest of the platform sees it.
 *
 * @param login         {@code local@domain}, lower-case
 * @param enabled       the account's own switch
 * @param domainEnabled the switch of its domain; both must be on for mail and logins
 * @param quotaBytes    the account's own override, {@code null} = use the domain default
 * @param usedBytes     octets of all its messages as POP3 reports them (exact, kept transactionally)
 */
public record Account(long id, long domainId, String domain, String localPart, String login, String displayName,
                      boolean enabled, boolean domainEnabled, Long quotaBytes, Long quotaMessages,
                      long usedBytes, long usedMessages, Instant createdAt) {

    /** True when both the account and its domain are enabled. */
    public boolean active() {
        return enabled && domainEnabled;
    }
}
