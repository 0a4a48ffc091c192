package io.buzon.pop3.backend;

/** What a session learns when it checks its maildrop lease. */
public enum LeaseState {
    /** Still ours. */
    HELD,
    /** Still ours, but an administrator asked for the session to end. */
    TERMINATION_REQUESTED,
    /** Expired and possibly taken by another session: stop touching the maildrop. */
    LOST
}
