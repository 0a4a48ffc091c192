package io.buzon.store.auth;

/**
 * @param accountId    the account when the password was right (SUCCESS, DISABLED, EXPIRED), else null
 * @param login        the login as normalised for lookups (domain lower-cased)
 * @param logReason    why, for the server log only: never show it to the client
 * @param credential   what authenticated (NONE unless SUCCESS)
 * @param appPasswordId the app password used, or null
 */
public record AuthResult(AuthOutcome outcome, Long accountId, String login, String logReason,
                         AuthCredential credential, Long appPasswordId) {

    public boolean succeeded() {
        return outcome == AuthOutcome.SUCCESS;
    }
}
