package io.buzon.store.auth;

/**
 * The result of a login attempt. INVALID covers unknown users and wrong passwords alike; DISABLED and
 * EXPIRED are only returned after the password was right, so they reveal nothing to a guesser.
 */
public enum AuthOutcome {
    SUCCESS,
    INVALID,
    DISABLED,
    LOCKED,
    EXPIRED
}
