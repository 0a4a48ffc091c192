package io.buzon.store.account;

import io.buzon.store.Actor;
import io.buzon.store.ConflictException;
import io.buzon.store.NotFoundException;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.ValidationException;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.quota.Quota;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DomainAndAccountTest {

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    QuotaService quotas;

    @Inject
    MaildropService maildrops;

    @Inject
    StoreFixtures fixtures;

    @Test
    void domainNamesAreCaseInsensitiveAndValidated() {
        String name = "Mixed-" + UUID.randomUUID().toString().substring(0, 8) + ".Example.ORG";
        Domain d = domains.create(Actor.system("test"), name, 5_000_000L, null);
        assertEquals(name.toLowerCase(), d.name());
        assertEquals(5_000_000L, d.defaultQuotaBytes());
        assertNull(d.defaultQuotaMessages());
        assertTrue(d.enabled());
        assertEquals(d, domains.find(name.toUpperCase()).orElseThrow());
        assertEquals(d, domains.find(d.id()).orElseThrow());
        assertTrue(domains.list().contains(d));

        assertThrows(ConflictException.class, () -> domains.create(Actor.system("test"), name.toUpperCase(), null, null));
        for (String bad : new String[] {"", "-a.org", "a..org", "a_b.org", "x".repeat(64) + ".org", "sp ace.org"}) {
            assertThrows(ValidationException.class, () -> domains.create(Actor.system("test"), bad, null, null), bad);
        }
        assertThrows(ValidationException.class, () -> domains.create(Actor.system("test"), "q" + UUID.randomUUID().toString().substring(0, 6) + ".org", -1L, null));
        assertTrue(domains.find("no-such-domain.invalid").isEmpty());
        assertTrue(domains.find("not a domain!").isEmpty());
    }

    @Test
    void accountsAreFoundByLoginInAnyCaseAndDomainMustExist() {
        Domain d = fixtures.newDomain();
        Account a = accounts.create(Actor.system("test"), "Ana.Maria@" + d.name().toUpperCase(), "  Ana María  ");
        assertEquals("ana.maria@" + d.name(), a.login());
        assertEquals("ana.maria", a.localPart());
        assertEquals(d.name(), a.domain());
        assertEquals("Ana María", a.displayName());
        assertTrue(a.active());
        assertEquals(0, a.usedBytes());
        assertEquals(a, accounts.findByLogin("ANA.MARIA@" + d.name()).orElseThrow());
        assertEquals(a, accounts.find(a.id()).orElseThrow());

        assertThrows(ConflictException.class, () -> accounts.create(Actor.system("test"), "ana.maria@" + d.name(), null));
        assertThrows(NotFoundException.class, () -> accounts.create(Actor.system("test"), "x@missing-" + UUID.randomUUID() + ".test", null));
        for (String bad : new String[] {"nodomain", "@" + d.name(), "a b@" + d.name(), ".a@" + d.name(), "a..b@" + d.name(),
                "x".repeat(65) + "@" + d.name()}) {
            assertThrows(ValidationException.class, () -> accounts.create(Actor.system("test"), bad, null), bad);
        }
        assertTrue(accounts.findByLogin("nobody@" + d.name()).isEmpty());
        assertTrue(accounts.findByLogin("garbage").isEmpty());
    }

    @Test
    void updateDisableAndQuotaOverride() {
        Domain d = fixtures.newDomain(1_000L, 10L);
        Account a = fixtures.newAccount(d);
        assertEquals(new Quota(1_000L, 10L), quotas.effectiveQuota(a.id()));

        assertEquals("New Name", accounts.update(Actor.system("test"), a.id(), "New Name").displayName());
        assertNull(accounts.update(Actor.system("test"), a.id(), " ").displayName());
        assertFalse(accounts.setEnabled(Actor.system("test"), a.id(), false).enabled());
        assertFalse(accounts.findByLogin(a.login()).orElseThrow().active());
        assertTrue(accounts.setEnabled(Actor.system("test"), a.id(), true).active());
        assertFalse(domains.setEnabled(Actor.system("test"), d.id(), false).enabled());
        Account inDisabledDomain = accounts.find(a.id()).orElseThrow();
        assertTrue(inDisabledDomain.enabled());
        assertFalse(inDisabledDomain.active());
        domains.setEnabled(Actor.system("test"), d.id(), true);

        Account overridden = accounts.setQuota(Actor.system("test"), a.id(), 500L, null);
        assertEquals(500L, overridden.quotaBytes());
        assertEquals(new Quota(500L, 10L), quotas.effectiveQuota(a.id()));
        domains.setDefaultQuota(Actor.system("test"), d.id(), null, null);
        assertEquals(new Quota(500L, null), quotas.effectiveQuota(a.id()));
        accounts.setQuota(Actor.system("test"), a.id(), null, null);
        assertEquals(new Quota(null, null), quotas.effectiveQuota(a.id()));
        assertThrows(ValidationException.class, () -> accounts.setQuota(Actor.system("test"), a.id(), -5L, null));
        assertThrows(NotFoundException.class, () -> accounts.setEnabled(Actor.system("test"), Long.MAX_VALUE, true));
    }

    @Test
    void listFiltersSortsAndPages() {
        Domain d = fixtures.newDomain();
        Account carol = accounts.create(Actor.system("test"), "carol@" + d.name(), "Carol");
        Account alice = accounts.create(Actor.system("test"), "alice@" + d.name(), "Alice Smith");
        Account bob = accounts.create(Actor.system("test"), "bob@" + d.name(), null);
        accounts.setEnabled(Actor.system("test"), bob.id(), false);
        fixtures.deliver(carol.id(), StoreFixtures.uniqueBody("x".repeat(500)));
        fixtures.deliver(alice.id(), StoreFixtures.uniqueBody("y"));

        AccountFilter inDomain = new AccountFilter(d.name().toUpperCase(), null, null);
        Page<Account> first = accounts.list(inDomain, AccountSort.byLogin(), new PageRequest(0, 2));
        assertEquals(3, first.total());
        assertEquals(List.of("alice@" + d.name(), "bob@" + d.name()), first.items().stream().map(Account::login).toList());
        assertTrue(first.hasNext());
        assertEquals(2, first.pageCount());
        Page<Account> second = accounts.list(inDomain, AccountSort.byLogin(), new PageRequest(1, 2));
        assertEquals(List.of(carol.id()), second.items().stream().map(Account::id).toList());
        assertFalse(second.hasNext());

        Page<Account> bySize = accounts.list(inDomain, new AccountSort(AccountSort.Field.USED_BYTES, true), PageRequest.first(10));
        assertEquals(List.of(carol.id(), alice.id(), bob.id()), bySize.items().stream().map(Account::id).toList());

        Page<Account> disabled = accounts.list(new AccountFilter(d.name(), null, false), AccountSort.byLogin(), PageRequest.first(10));
        assertEquals(List.of(bob.id()), disabled.items().stream().map(Account::id).toList());

        Page<Account> search = accounts.list(new AccountFilter(d.name(), "SMITH", null), AccountSort.byLogin(), PageRequest.first(10));
        assertEquals(List.of(alice.id()), search.items().stream().map(Account::id).toList());
        Page<Account> percent = accounts.list(new AccountFilter(d.name(), "%", null), AccountSort.byLogin(), PageRequest.first(10));
        assertEquals(0, percent.total());
        assertThrows(ValidationException.class, () -> new PageRequest(0, 0));
    }

    @Test
    void deletingADomainRemovesItsAccountsMailAndSharedContent() {
        Domain d = fixtures.newDomain();
        Account a = fixtures.newAccount(d);
        Account b = fixtures.newAccount(d);
        Account elsewhere = fixtures.newAccount();
        String body = StoreFixtures.uniqueBody("shared by three");
        var staged = fixtures.stage(body);
        DeliveredMessage ma = fixtures.deliverStaged(a.id(), staged);
        fixtures.deliverStaged(b.id(), staged);
        fixtures.deliverStaged(elsewhere.id(), staged);
        fixtures.release(staged);
        fixtures.deliver(a.id(), StoreFixtures.uniqueBody("only a"));
        long sharedContent = fixtures.queryLong("select content_id from message where id = ?", ma.messageId());
        assertEquals(3, fixtures.queryLong("select ref_count from content where id = ?", sharedContent));
        long contentsBefore = fixtures.queryLong("select count(*) from content");

        assertEquals(2, domains.delete(Actor.system("test"), d.id()));
        assertTrue(domains.find(d.id()).isEmpty());
        assertTrue(accounts.find(a.id()).isEmpty());
        assertTrue(accounts.find(b.id()).isEmpty());
        assertEquals(0, fixtures.queryLong("select count(*) from message where account_id in (?, ?)", a.id(), b.id()));
        assertEquals(1, fixtures.queryLong("select ref_count from content where id = ?", sharedContent));
        // a's private message content is gone with its chunks
        assertEquals(contentsBefore - 1, fixtures.queryLong("select count(*) from content"));
        assertEquals(1, maildrops.open(elsewhere.id()).count());
        assertThrows(NotFoundException.class, () -> domains.delete(Actor.system("test"), d.id()));
    }
}
