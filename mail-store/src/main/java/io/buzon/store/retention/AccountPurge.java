package io.buzon.store.retention;

import java.util.List;

/**
 * The messages of one account the rules select (preview) or that a purge handled.
 *
 * @param messageIds ascending message ids
 * @param bytes      total size of those messages, as quota counts it
 */
public record AccountPurge(long accountId, String login, List<Long> messageIds, long bytes) {

    public AccountPurge {
        messageIds = List.copyOf(messageIds);
    }

    public int messages() {
        return messageIds.size();
    }
}
