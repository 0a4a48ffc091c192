package io.buzon.store.retention;

import java.util.Locale;

/** What a purge did with one account. */
public enum PurgeOutcome {
    /** The selected messages were deleted. */
    PURGED,
    /** A POP3 session held the maildrop; nothing was deleted, the next run retries. */
    SKIPPED_LOCKED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PurgeOutcome ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
