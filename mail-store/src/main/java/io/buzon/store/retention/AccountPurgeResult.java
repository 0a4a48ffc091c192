package io.buzon.store.retention;

/**
 * One account in a purge report. For PURGED, {@code purge} lists the messages deleted and their bytes;
 * for SKIPPED_LOCKED, the messages that would have been deleted.
 */
public record AccountPurgeResult(AccountPurge purge, PurgeOutcome outcome) {
}
