package io.buzon.store.maildrop;

/**
 * Outcome of an UPDATE-state commit.
 *
 * @param deleted    messages deleted
 * @param freedBytes octets removed from the quota usage
 * @param missing    messages that had already gone (for POP3's "-ERR some deleted messages not removed")
 */
public record CommitResult(int deleted, long freedBytes, int missing) {
}
