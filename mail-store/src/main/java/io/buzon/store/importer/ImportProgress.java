package io.buzon.store.importer;

/**
 * Where an import stands, sent to the caller's listener after every message and account (the console shows
 * it as a progress bar, the command line as a line per account).
 *
 * @param accountsDone   accounts finished so far
 * @param accountsTotal  accounts to do (1 for a single-mailbox import)
 * @param account        login being imported now (null when finished)
 * @param messagesDone   messages handled in the current account (imported or skipped)
 * @param messagesTotal  messages found in the current account (-1 while unknown, e.g. mbox)
 * @param imported       messages imported in the whole run so far
 * @param skipped        messages skipped in the whole run so far
 */
public record ImportProgress(int accountsDone, int accountsTotal, String account, int messagesDone,
                             int messagesTotal, long imported, long skipped) {

    /** Receives progress; called on the importing thread, so it should return quickly. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void progress(ImportProgress progress);
    }
}
