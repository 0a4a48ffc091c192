package io.buzon.store.maildrop;

import io.buzon.store.ValidationException;
import io.buzon.store.account.Account;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.LeaseLostException;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.quota.Usage;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MaildropTest {

    @Inject
    MaildropService maildrops;

    @Inject
    QuotaService quotas;

    @Inject
    MaildropLockService locks;

    @Inject
    StoreFixtures fixtures;

    @Test
    void snapshotNumbersMessagesInArrivalOrderAndStaysFixed() {
        Account account = fixtures.newAccount();
        DeliveredMessage m1 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("one"));
        DeliveredMessage m2 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("two two"));
        DeliveredMessage m3 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("three three three"));

        Maildrop drop = maildrops.open(account.id());
        assertEquals(List.of(
                new MaildropEntry(1, m1.messageId(), m1.uidl(), m1.size()),
                new MaildropEntry(2, m2.messageId(), m2.uidl(), m2.size()),
                new MaildropEntry(3, m3.messageId(), m3.uidl(), m3.size())), drop.entries());
        assertEquals(m1.size() + m2.size() + m3.size(), drop.totalSize());
        assertNull(drop.entry(0));
        assertNull(drop.entry(4));

        // a delivery during the session does not renumber or extend the snapshot
        fixtures.deliver(account.id(), StoreFixtures.uniqueBody("four"));
        assertEquals(3, drop.count());
        assertEquals(4, maildrops.open(account.id()).count());
    }

    @Test
    void messagesDisappearOnlyAtCommitWithUsageUpdatedInTheSameTransaction() throws java.io.IOException {
        Account account = fixtures.newAccount();
        DeliveredMessage m1 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("keep"));
        DeliveredMessage m2 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("delete me"));
        DeliveredMessage m3 = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("delete me too"));

        Maildrop session = maildrops.open(account.id());
        // reading (RETR) and a second snapshot remove nothing
        maildrops.reader(account.id(), m2.messageId()).asInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(3, maildrops.open(account.id()).count());

        CommitResult result = fixtures.commitAsSession(account.id(), Set.of(m2.messageId(), m3.messageId()));
        assertEquals(new CommitResult(2, m2.size() + m3.size(), 0), result);
        Maildrop after = maildrops.open(account.id());
        assertEquals(List.of(new MaildropEntry(1, m1.messageId(), m1.uidl(), m1.size())), after.entries());
        assertEquals(new Usage(m1.size(), 1), quotas.usage(account.id()));
        assertEquals(quotas.recount(account.id()), quotas.usage(account.id()));
        assertEquals(3, session.count());

        // committing the same deletion again reports the messages as already gone
        assertEquals(new CommitResult(0, 0, 2), fixtures.commitAsSession(account.id(), Set.of(m2.messageId(), m3.messageId())));
        assertThrows(MessageGoneException.class, () -> maildrops.reader(account.id(), m2.messageId()));
    }

    @Test
    void failingCommitRollsBackEverything() {
        Account mine = fixtures.newAccount();
        Account other = fixtures.newAccount();
        DeliveredMessage a = fixtures.deliver(mine.id(), StoreFixtures.uniqueBody("a"));
        DeliveredMessage b = fixtures.deliver(mine.id(), StoreFixtures.uniqueBody("b"));
        DeliveredMessage foreign = fixtures.deliver(other.id(), StoreFixtures.uniqueBody("not yours"));
        Usage before = quotas.usage(mine.id());
        long contentA = fixtures.queryLong("select content_id from message where id = ?", a.messageId());

        // the foreign id is detected after the account's own rows were already deleted in the transaction
        ValidationException e = assertThrows(ValidationException.class,
                () -> fixtures.commitAsSession(mine.id(), Set.of(a.messageId(), b.messageId(), foreign.messageId())));
        assertEquals("1 of the message ids belong to another account", e.getMessage());

        assertEquals(2, maildrops.open(mine.id()).count());
        assertEquals(1, maildrops.open(other.id()).count());
        assertEquals(before, quotas.usage(mine.id()));
        assertEquals(1, fixtures.queryLong("select ref_count from content where id = ?", contentA));
        assertEquals(1, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", contentA));
    }

    @Test
    void commitUnderALostLeaseDeletesNothing() {
        Account account = fixtures.newAccount();
        DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("guarded"));
        Lease lease = locks.tryAcquire(account.id(), "commit-test", "192.0.2.77", false).orElseThrow();
        assertEquals(new CommitResult(0, 0, 0), maildrops.commit(lease, Set.of()));
        locks.release(lease);

        assertThrows(LeaseLostException.class, () -> maildrops.commit(lease, Set.of(m.messageId())));
        assertEquals(1, maildrops.open(account.id()).count());

        Lease again = locks.tryAcquire(account.id(), "commit-test-2", "192.0.2.77", false).orElseThrow();
        assertEquals(new CommitResult(1, m.size(), 0), maildrops.commit(again, Set.of(m.messageId())));
        locks.release(again);
        assertEquals(new Usage(0, 0), quotas.usage(account.id()));
    }

    @Test
    void firstRetrievalIsRecordedOnce() {
        Account account = fixtures.newAccount();
        DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("read me"));
        DeliveredMessage other = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("unread"));
        assertEquals(0, fixtures.queryLong("select count(first_retrieved_at) from message where account_id = ?", account.id()));

        assertEquals(1, maildrops.recordFirstRetrieval(account.id(), List.of(m.messageId())));
        long first = fixtures.queryLong("select extract(epoch from first_retrieved_at) * 1000000 from message where id = ?", m.messageId());
        assertEquals(0, maildrops.recordFirstRetrieval(account.id(), List.of(m.messageId())));
        assertEquals(first, fixtures.queryLong("select extract(epoch from first_retrieved_at) * 1000000 from message where id = ?", m.messageId()));
        assertEquals(0, fixtures.queryLong("select count(first_retrieved_at) from message where id = ?", other.messageId()));
        // another account's message is never marked
        Account stranger = fixtures.newAccount();
        assertEquals(0, maildrops.recordFirstRetrieval(stranger.id(), List.of(other.messageId())));
    }
}
