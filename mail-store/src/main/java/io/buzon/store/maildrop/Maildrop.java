package io.buzon.store.maildrop;

import java.util.List;

/**
 * An immutable snapshot of a maildrop taken when a POP3 session enters TRANSACTION state. Message numbers
 * and sizes stay fixed for the session whatever is delivered meanwhile.
 */
public record Maildrop(long accountId, List<MaildropEntry> entries, long totalSize) {

    public Maildrop {
        entries = List.copyOf(entries);
    }

    /** Number of messages in the snapshot. */
    public int count() {
        return entries.size();
    }

    /** The entry numbered {@code number} (1-based), or {@code null} when out of range. */
    public MaildropEntry entry(int number) {
        return number >= 1 && number <= entries.size() ? entries.get(number - 1) : null;
    }
}
