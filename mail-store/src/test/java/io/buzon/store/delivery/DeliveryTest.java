package io.buzon.store.delivery;

import io.buzon.store.Actor;
import io.buzon.store.ConflictException;
import io.buzon.store.ValidationException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.Maildrop;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.quota.Usage;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DeliveryTest {

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropService maildrops;

    @Inject
    AccountService accounts;

    @Inject
    DomainService domains;

    @Inject
    QuotaService quotas;

    @Inject
    StoreFixtures fixtures;

    @Test
    void bareLineEndsAreStoredAsCrlfWithExactSizes() throws IOException {
        Account account = fixtures.newAccount();
        String id = "<" + java.util.UUID.randomUUID() + "@x>";
        String raw = "Message-ID: " + id + "\nSubject: hi\r\rbody line\nlast";
        String expected = "Message-ID: " + id + "\r\nSubject: hi\r\n\r\nbody line\r\nlast\r\n";

        StagedContent staged = delivery.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected.length(), staged.size());
        assertFalse(staged.deduplicated());
        byte[] prefix = "Return-Path: <a@b>\nDelivered-To: x@y".getBytes(StandardCharsets.US_ASCII);
        DeliveredMessage m = delivery.deliver(account.id(), staged, prefix, null, null);
        delivery.release(staged);

        String expectedPrefix = "Return-Path: <a@b>\r\nDelivered-To: x@y\r\n";
        assertEquals(expectedPrefix.length() + expected.length(), m.size());
        byte[] read = maildrops.reader(account.id(), m.messageId()).asInputStream().readAllBytes();
        assertArrayEquals((expectedPrefix + expected).getBytes(StandardCharsets.US_ASCII), read);
        Maildrop drop = maildrops.open(account.id());
        assertEquals(m.size(), drop.entry(1).size());
        assertEquals(new Usage(m.size(), 1), quotas.usage(account.id()));
    }

    @Test
    void generatedUidlsAreValidDistinctAndCounterBased() {
        Account account = fixtures.newAccount();
        Set<String> uidls = new HashSet<>();
        Pattern shape = Pattern.compile("(\\d+)\\.[0-9a-z]{8}");
        for (int i = 1; i <= 5; i++) {
            DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("n" + i));
            assertTrue(Uidls.isValid(m.uidl()));
            var matcher = shape.matcher(m.uidl());
            assertTrue(matcher.matches(), m.uidl());
            assertEquals(i, Long.parseLong(matcher.group(1)));
            uidls.add(m.uidl());
        }
        assertEquals(5, uidls.size());
        // deleting the newest message does not free its counter value
        Maildrop drop = maildrops.open(account.id());
        fixtures.commitAsSession(account.id(), Set.of(drop.entry(5).messageId()));
        DeliveredMessage next = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("after delete"));
        assertTrue(next.uidl().startsWith("6."), next.uidl());
    }

    @Test
    void legacyUidlIsKeptValidatedAndUniquePerMailbox() {
        Account a = fixtures.newAccount();
        Account b = fixtures.newAccount();
        Instant received = Instant.parse("2020-01-02T03:04:05Z");
        StagedContent staged = fixtures.stage(StoreFixtures.uniqueBody("imported"));
        try {
            String legacy = "UID42-" + "x".repeat(64);
            assertEquals(70, legacy.length());
            DeliveredMessage m = delivery.deliver(a.id(), staged, null, legacy, received);
            assertEquals(legacy, m.uidl());
            assertEquals(received, m.receivedAt());
            assertEquals(legacy, maildrops.open(a.id()).entry(1).uidl());

            ConflictException dup = assertThrows(ConflictException.class,
                    () -> delivery.deliver(a.id(), staged, null, legacy, null));
            assertTrue(dup.getMessage().contains("already used"), dup.getMessage());
            // the same UIDL in another mailbox is fine
            assertEquals(legacy, delivery.deliver(b.id(), staged, null, legacy, null).uidl());

            for (String bad : new String[] {"", "has space", "x".repeat(71), "tab\there", "caf\u00e9", "del\u007f"}) {
                assertThrows(ValidationException.class, () -> delivery.deliver(a.id(), staged, null, bad, null), bad);
            }
        } finally {
            delivery.release(staged);
        }
        assertEquals(1, maildrops.open(a.id()).count());
        assertEquals(quotas.recount(a.id()), quotas.usage(a.id()));
        assertEquals(quotas.recount(b.id()), quotas.usage(b.id()));
    }

    @Test
    void recipientChecksReportEachStatus() {
        Domain domain = fixtures.newDomain(1000L, 2L);
        Account account = fixtures.newAccount(domain);
        String login = account.login();

        assertEquals(new RecipientCheck(RecipientStatus.OK, account.id()), delivery.checkRecipient("<" + login.toUpperCase() + ">", 1000));
        assertEquals(RecipientStatus.OVER_QUOTA, delivery.checkRecipient(login, 1001).status());
        assertEquals(new RecipientCheck(RecipientStatus.UNKNOWN, 0), delivery.checkRecipient("nobody@" + domain.name(), 1));
        assertEquals(RecipientStatus.UNKNOWN, delivery.checkRecipient("not an address", 1).status());

        accounts.setEnabled(Actor.system("test"), account.id(), false);
        assertEquals(RecipientStatus.DISABLED, delivery.checkRecipient(login, 1).status());
        accounts.setEnabled(Actor.system("test"), account.id(), true);
        domains.setEnabled(Actor.system("test"), domain.id(), false);
        assertEquals(RecipientStatus.DISABLED, delivery.checkRecipient(login, 1).status());
        domains.setEnabled(Actor.system("test"), domain.id(), true);
        assertEquals(RecipientStatus.OK, delivery.checkRecipient(login, 1).status());
    }

    @Test
    void overQuotaDeliveryIsRefusedAndChangesNothing() {
        Domain domain = fixtures.newDomain(null, 2L);
        Account account = fixtures.newAccount(domain);
        fixtures.deliver(account.id(), StoreFixtures.uniqueBody("1"));
        DeliveredMessage second = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("2"));

        DeliveryRejectedException full = assertThrows(DeliveryRejectedException.class,
                () -> fixtures.deliver(account.id(), StoreFixtures.uniqueBody("3")));
        assertEquals(RecipientStatus.OVER_QUOTA, full.status());
        assertEquals(2, maildrops.open(account.id()).count());

        // an account override beats the domain default: 1 byte short of the current usage + next message
        String body = StoreFixtures.uniqueBody("3");
        accounts.setQuota(Actor.system("test"), account.id(), quotas.usage(account.id()).bytes() + body.length() - 1, null);
        assertEquals(RecipientStatus.OVER_QUOTA,
                assertThrows(DeliveryRejectedException.class, () -> fixtures.deliver(account.id(), body)).status());
        accounts.setQuota(Actor.system("test"), account.id(), quotas.usage(account.id()).bytes() + body.length(), 3L);
        DeliveredMessage third = fixtures.deliver(account.id(), body);
        assertEquals(body.length(), third.size());
        assertEquals(quotas.recount(account.id()), quotas.usage(account.id()));
        assertEquals(3, quotas.usage(account.id()).messages());
        assertTrue(third.messageId() > second.messageId());
    }

    @Test
    void sizeComesFromTheStoredContentNotFromTheCaller() {
        Account account = fixtures.newAccount();
        String body = StoreFixtures.uniqueBody("sized by the store");
        StagedContent staged = fixtures.stage(body);
        StagedContent understated = new StagedContent(staged.holdId(), staged.contentId(), 1, staged.sha256(), false);
        DeliveredMessage m = delivery.deliver(account.id(), understated, null, null, null);
        delivery.release(staged);
        assertEquals(body.length(), m.size());
        assertEquals(new Usage(body.length(), 1), quotas.usage(account.id()));
    }

    @Test
    void disabledAccountReceivesNothing() {
        Account account = fixtures.newAccount();
        accounts.setEnabled(Actor.system("test"), account.id(), false);
        DeliveryRejectedException e = assertThrows(DeliveryRejectedException.class,
                () -> fixtures.deliver(account.id(), StoreFixtures.uniqueBody("x")));
        assertEquals(RecipientStatus.DISABLED, e.status());
        assertEquals(0, maildrops.open(account.id()).count());
    }

    @Test
    void failingInputLeavesNoContentBehind() {
        long before = fixtures.queryLong("select count(*) from content");
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ < 200_000) {
                    return 'a';
                }
                throw new IOException("client went away");
            }
        };
        IOException e = assertThrows(IOException.class, () -> delivery.stage(broken));
        assertEquals("client went away", e.getMessage());
        assertEquals(before, fixtures.queryLong("select count(*) from content"));
    }
}
