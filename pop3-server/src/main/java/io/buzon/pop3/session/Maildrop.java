package io.buzon.pop3.session;

import io.buzon.pop3.backend.MaildropEntry;

import java.util.ArrayList;
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
    /** Retrieved by RETR in this session (a second RETR of one message is not news). */
    private final BitSet retrieved = new BitSet();
    /** Retrieved, and not yet written to the store. */
    private final BitSet unrecorded = new BitSet();
    private long oldestUnrecordedNanos;

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

    /**
     * Notes that RETR sent message {@code number}. First retrievals are written to the store in batches,
     * not one transaction per RETR: true when this batch is due now, because it is large or its oldest
     * retrieval is {@code maxAgeNanos} old. The rest goes at QUIT or when the session ends.
     */
    public boolean markRetrieved(int number, long nowNanos, int batchSize, long maxAgeNanos) {
        if (retrieved.get(number - 1)) {
            return false;
        }
        retrieved.set(number - 1);
        if (unrecorded.isEmpty()) {
            oldestUnrecordedNanos = nowNanos;
        }
        unrecorded.set(number - 1);
        return unrecorded.cardinality() >= batchSize || nowNanos - oldestUnrecordedNanos >= maxAgeNanos;
    }

    /**
     * The message ids retrieved and not yet written, forgotten here as they are handed out; without the ones
     * marked deleted when {@code withoutDeleted} (QUIT removes them anyway).
     */
    public List<Long> takeUnrecorded(boolean withoutDeleted) {
        List<Long> ids = new ArrayList<>(unrecorded.cardinality());
        for (int i = unrecorded.nextSetBit(0); i >= 0; i = unrecorded.nextSetBit(i + 1)) {
            if (!withoutDeleted || !deleted.get(i)) {
                ids.add(entries[i].messageId());
            }
        }
        unrecorded.clear();
        return ids;
    }
}
