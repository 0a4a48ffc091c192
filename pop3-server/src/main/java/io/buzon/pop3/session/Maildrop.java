package io.buzon.pop3.session;

import io.buzon.pop3.backend.MaildropEntry;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The session's view of a maildrop (RFC 1939 section 5): numbers and sizes fixed at login, deletion
 * marks kept here until QUIT. Marks are a bit set, so every check is constant time and RSET never
 * re-reads the store.
 */
public final class Maildrop {

    private final MaildropEntry[] entries;
    private final BitSet deleted = new BitSet();

    public Maildrop(List<MaildropEntry> entries) {
        this.entries = entries.toArray(new MaildropEntry[0]);
    }

    /** The highest message number, deleted or not. */
    public int size() {
        return entries.length;
    }

    /** The message with this number, or null when it does not exist or is marked deleted. */
    public MaildropEntry live(int number) {
        if (number < 1 || number > entries.length || deleted.get(number - 1)) {
            return null;
        }
        return entries[number - 1];
    }

    public boolean exists(int number) {
        return number >= 1 && number <= entries.length;
    }

    public void markDeleted(int number) {
        deleted.set(number - 1);
    }

    public void unmarkAll() {
        deleted.clear();
    }

    public int liveCount() {
        return entries.length - deleted.cardinality();
    }

    public long liveOctets() {
        long total = 0;
        for (int i = 0; i < entries.length; i++) {
            if (!deleted.get(i)) {
                total += entries[i].size();
            }
        }
        return total;
    }

    public Set<Long> deletedMessageIds() {
        Set<Long> ids = new LinkedHashSet<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            ids.add(entries[i].messageId());
        }
        return ids;
    }
}
