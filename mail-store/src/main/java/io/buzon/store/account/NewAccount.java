package io.buzon.store.account;

/**
 * What an administrator fills in to create a mailbox in one step.
 *
 * @param login         {@code local@domain}, any case
 * @param displayName   optional
 * @param password      checked against the effective policy of the domain
 * @param quotaBytes    the account's own quota, null = the domain default
 * @param quotaMessages the account's own message limit, null = the domain default
 */
public record NewAccount(String login, String displayName, String password, Long quotaBytes, Long quotaMessages) {

    @Override
    public String toString() {
        // never print the password
        return "NewAccount[login=" + login + ", displayName=" + displayName + ", quotaBytes=" + quotaBytes
                + ", quotaMessages=" + quotaMessages + "]";
    }
}
