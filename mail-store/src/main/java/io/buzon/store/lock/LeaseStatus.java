package io.buzon.store.lock;

/** What a session should do with its lease. */
public enum LeaseStatus {
    /** Still ours; carry on. */
    HELD,
    /** Still ours, but an administrator asked for the session to end. */
    TERMINATION_REQUESTED,
    /** Released, expired and taken over, or the account was deleted: the session must stop. */
    LOST
}
