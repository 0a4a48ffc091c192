package io.buzon.console.mailbox;

import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.maildrop.MessageGoneException;
import io.buzon.store.maildrop.MessageReader;
import io.buzon.store.Actor;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.message.MessageQueries;
import io.buzon.store.message.StoredMessage;
import io.buzon.store.message.Removal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A mailbox's messages for the account page and the API: newest first, one page at a time, with sender
 * and subject read from each message's first header octets through the store's chunked reader.
 * Deleting goes through the store, under the maildrop lease (refused while a POP3 session has the mailbox
 * open) and with its audit record; usage and shared content stay exact.
 */
@ApplicationScoped
public class MailboxMessages {

    @Inject
    MessageQueries queries;

    @Inject
    MaildropService maildrops;

    public record MessagePage(List<MessageSummary> items, long total, int index, int size) {
        public boolean hasNext() {
            return (long) (index + 1) * size < total;
        }

        public boolean hasPrevious() {
            return index > 0;
        }

        public int next() {
            return index + 1;
        }

        public int previous() {
            return index - 1;
        }
    }

    public MessagePage list(long accountId, int index, int size) {
        Page<StoredMessage> page = queries.list(accountId, new PageRequest(index, size));
        List<MessageSummary> items = new ArrayList<>(page.items().size());
        for (StoredMessage m : page.items()) {
            HeaderSummary h = headers(accountId, m.id());
            items.add(new MessageSummary(m.id(), m.uidl(), m.size(), m.receivedAt(), m.firstRetrievedAt(),
                    h == null ? "" : h.from, h == null ? "" : h.subject));
        }
        return new MessagePage(items, page.total(), index, size);
    }

    public Removal delete(Actor actor, long accountId, Collection<Long> messageIds) {
        return maildrops.deleteMessages(actor, accountId, messageIds);
    }

    private HeaderSummary headers(long accountId, long messageId) {
        try {
            MessageReader reader = maildrops.reader(accountId, messageId);
            try (InputStream in = reader.asInputStream()) {
                return HeaderSummary.read(in);
            }
        } catch (MessageGoneException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
