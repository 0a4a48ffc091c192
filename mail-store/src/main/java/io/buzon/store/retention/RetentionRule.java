package io.buzon.store.retention;

import java.util.OptionalInt;

/**
 * The effective retention for one account. A value of 0 means "no such rule".
 *
 * @param deleteAfterRetrievalDays delete N days after the message's first retrieval
 * @param deleteOlderThanDays      delete anything delivered more than M days ago
 * @param loginDelaySeconds        minimum seconds between logins (POP3 LOGIN-DELAY)
 */
public record RetentionRule(int deleteAfterRetrievalDays, int deleteOlderThanDays, int loginDelaySeconds) {

    public static final RetentionRule KEEP_FOREVER = new RetentionRule(0, 0, 0);

    public RetentionRule {
        if (deleteAfterRetrievalDays < 0 || deleteOlderThanDays < 0 || loginDelaySeconds < 0) {
            throw new IllegalArgumentException("retention values must be >= 0 (0 = off)");
        }
    }

    public boolean deletesAnything() {
        return deleteAfterRetrievalDays > 0 || deleteOlderThanDays > 0;
    }

    /**
     * The POP3 EXPIRE value (RFC 2449): the most days a message stays once retrieved, i.e. the
     * smaller of the two non-zero rules; empty = NEVER.
     */
    public OptionalInt expireDays() {
        if (deleteAfterRetrievalDays > 0 && deleteOlderThanDays > 0) {
            return OptionalInt.of(Math.min(deleteAfterRetrievalDays, deleteOlderThanDays));
        }
        if (deleteAfterRetrievalDays > 0) {
            return OptionalInt.of(deleteAfterRetrievalDays);
        }
        return deleteOlderThanDays > 0 ? OptionalInt.of(deleteOlderThanDays) : OptionalInt.empty();
    }
}
