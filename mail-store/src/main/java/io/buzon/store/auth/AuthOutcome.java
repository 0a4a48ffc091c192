package io.buzon.store.auth;

/**
 * The result of a login attempt. INVALID covers unknown users and wrong passwords alike; DISABLED,
 * EXPIRED and TWO_FACTOR_REQUIRED are only returned after the password was right, so they reveal
 * nothing to a guesser. TWO_FACTOR_REQUIRED: the main password was right, but the service is a mail
 * client and the account has two-factor on (or its policy requires it), so only app passwords open it.
 */
public enum AuthOutcome {
    SUCCESS,
    INVALID,
    DISABLED,
    LOCKED,
    EXPIRED,
    TWO_FACTOR_REQUIRED
}
