package io.buzon.store.usecase;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropInUseException;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.message.Removal;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every deletion of mail goes through the maildrop lease: while a POP3 session holds a mailbox
 * (RFC 1939's exclusive lock), an administrator's message delete, account delete or domain delete is
 * refused and changes nothing; once the session ends, the same request goes through.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class MaildropChangeGuardTest {

    @Inject
    MaildropService maildrops;

    @Inject
    MaildropLockService locks;

    @Inject
    AccountService accounts;

    @Inject
    DomainService domains;

    @Inject
    StoreFixtures fixtures;

    @Test
    void anAdminsMessageDeleteWaitsForThePop3SessionToEnd() {
        Account account = fixtures.newAccount();
        DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("kept while the session is open"));
        Lease session = locks.tryAcquire(account.id(), "pop3-" + UUID.randomUUID(), "198.51.100.9", true).orElseThrow();
        MaildropInUseException refused = assertThrows(MaildropInUseException.class,
                () -> maildrops.deleteMessages(Actor.admin("ops", null), account.id(), List.of(m.messageId())));
        assertEquals("MAILDROP_IN_USE", refused.reason());
        assertEquals(1, maildrops.open(account.id()).count(), "the session's snapshot is unchanged");
        assertEquals(m.size(), accounts.find(account.id()).orElseThrow().usedBytes());
        assertEquals(session.ownerId(), fixtures.queryString("select owner_id from maildrop_lease where account_id = ?",
                account.id()), "the session still holds its lease");

        locks.release(session);
        Removal done = maildrops.deleteMessages(Actor.admin("ops", null), account.id(), List.of(m.messageId()));
        assertEquals(1, done.deletedMessages());
        assertEquals(0, maildrops.open(account.id()).count());
        assertEquals(0, accounts.find(account.id()).orElseThrow().usedBytes());
        assertEquals(0, fixtures.queryLong("select count(*) from maildrop_lease where account_id = ?", account.id()),
                "the change's own lease ends with its transaction");
        assertEquals(1, fixtures.queryLong("select count(*) from audit_log where action = 'message.delete' and target = ?",
                account.login()));
    }

    @Test
    void accountAndDomainDeletesAreRefusedWhileAMailboxIsOpen() {
        Domain domain = fixtures.newDomain();
        Account open = fixtures.newAccount(domain);
        Account other = fixtures.newAccount(domain);
        fixtures.deliver(open.id(), StoreFixtures.uniqueBody("in the open mailbox"));
        Lease session = locks.tryAcquire(open.id(), "pop3-" + UUID.randomUUID(), "198.51.100.9", false).orElseThrow();
        try {
            assertThrows(MaildropInUseException.class, () -> accounts.delete(Actor.system("test"), open.id()));
            assertThrows(MaildropInUseException.class, () -> domains.delete(Actor.system("test"), domain.id()));
            assertTrue(accounts.find(open.id()).isPresent());
            assertTrue(accounts.find(other.id()).isPresent(), "the refused domain delete removed no account at all");
            assertEquals(1, maildrops.open(open.id()).count());
        } finally {
            locks.release(session);
        }
        assertEquals(2, domains.delete(Actor.system("test"), domain.id()));
        assertTrue(accounts.find(open.id()).isEmpty());
    }

    @Test
    void anExpiredLeaseOfACrashedSessionDoesNotBlockTheChange() {
        Account account = fixtures.newAccount();
        DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("left by a crashed replica"));
        Lease crashed = locks.tryAcquire(account.id(), "pop3-" + UUID.randomUUID(), null, false).orElseThrow();
        fixtures.execute("update maildrop_lease set expires_at = now() - interval '1 second' where owner_id = ?",
                crashed.ownerId());
        assertEquals(1, maildrops.deleteMessages(Actor.system("test"), account.id(), List.of(m.messageId())).deletedMessages());
    }
}
