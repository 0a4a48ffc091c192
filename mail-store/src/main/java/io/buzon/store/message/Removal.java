package io.buzon.store.message;

/**
 * What a removal did.
 *
 * @param deletedMessages messages deleted
 * @param freedBytes      octets subtracted from the account's usage
 * @param missing         requested ids that no longer existed (already removed elsewhere)
 * @param contentsFreed   shared content rows garbage-collected because nothing referenced them any more
 */
public record Removal(int deletedMessages, long freedBytes, int missing, int contentsFreed) {
}
