package io.buzon.store.maildrop;

import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.message.MessageQueries;
import io.buzon.store.message.StoredMessage;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MessageQueriesTest {

    @Inject
    MessageQueries messages;

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropService maildrops;

    @Inject
    StoreFixtures fixtures;

    @Test
    void listsNewestFirstWithRetrievalTimes() {
        Account account = fixtures.newAccount();
        DeliveredMessage old = deliverAt(account.id(), Instant.parse("2024-05-01T10:00:00Z"));
        DeliveredMessage middle = deliverAt(account.id(), Instant.parse("2025-05-01T10:00:00Z"));
        DeliveredMessage recent = deliverAt(account.id(), Instant.parse("2026-05-01T10:00:00Z"));
        maildrops.recordFirstRetrieval(account.id(), List.of(middle.messageId()));

        Page<StoredMessage> first = messages.list(account.id(), new PageRequest(0, 2));
        assertEquals(3, first.total());
        assertEquals(List.of(recent.messageId(), middle.messageId()), first.items().stream().map(StoredMessage::id).toList());
        StoredMessage m = first.items().get(1);
        assertEquals(middle.uidl(), m.uidl());
        assertEquals(middle.size(), m.size());
        assertEquals(Instant.parse("2025-05-01T10:00:00Z"), m.receivedAt());
        assertNotNull(m.firstRetrievedAt());
        assertNull(first.items().get(0).firstRetrievedAt());
        assertEquals(List.of(old.messageId()),
                messages.list(account.id(), new PageRequest(1, 2)).items().stream().map(StoredMessage::id).toList());

        assertEquals(old.uidl(), messages.find(account.id(), old.messageId()).orElseThrow().uidl());
        assertTrue(messages.find(fixtures.newAccount().id(), old.messageId()).isEmpty());
    }

    private DeliveredMessage deliverAt(long accountId, Instant at) {
        StagedContent staged = fixtures.stage(StoreFixtures.uniqueBody("at " + at));
        try {
            return delivery.deliver(accountId, staged, null, null, at);
        } finally {
            delivery.release(staged);
        }
    }
}
