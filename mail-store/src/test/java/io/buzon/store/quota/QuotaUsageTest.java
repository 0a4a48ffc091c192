package io.buzon.store.quota;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class QuotaUsageTest {

    @Inject
    QuotaService quotas;

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropService maildrops;

    @Inject
    AccountService accounts;

    @Inject
    StoreFixtures fixtures;

    @Test
    void usageEqualsARecountAfterDeliveriesDeletionsAndAccountDeletion() {
        Domain domain = fixtures.newDomain();
        Account a = fixtures.newAccount(domain);
        Account b = fixtures.newAccount(domain);
        StagedContent shared = fixtures.stage(StoreFixtures.uniqueBody("shared"));
        List<DeliveredMessage> delivered = new ArrayList<>();
        long expectedA = 0;
        for (int i = 0; i < 6; i++) {
            byte[] prefix = ("Delivered-To: " + a.login() + "\r\nX-N: " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            DeliveredMessage m = i % 2 == 0
                    ? delivery.deliver(a.id(), shared, prefix, null, null)
                    : fixtures.deliver(a.id(), StoreFixtures.uniqueBody("private " + "z".repeat(i * 100)));
            delivered.add(m);
            expectedA += m.size();
            // what the delivery reports is what it committed (quota warnings rely on it)
            assertEquals(new Usage(expectedA, i + 1), m.usageAfter());
            assertEquals(quotas.effectiveQuota(a.id()), m.quota());
        }
        delivery.deliver(b.id(), shared, null, null, null);
        delivery.release(shared);
        assertEquals(new Usage(expectedA, 6), quotas.usage(a.id()));
        assertEquals(quotas.recount(a.id()), quotas.usage(a.id()));
        assertEquals(quotas.recount(b.id()), quotas.usage(b.id()));

        fixtures.commitAsSession(a.id(), Set.of(delivered.get(0).messageId(), delivered.get(3).messageId()));
        expectedA -= delivered.get(0).size() + delivered.get(3).size();
        assertEquals(new Usage(expectedA, 4), quotas.usage(a.id()));
        assertEquals(quotas.recount(a.id()), quotas.usage(a.id()));

        accounts.delete(Actor.system("test"), a.id());
        assertThrows(io.buzon.store.NotFoundException.class, () -> quotas.usage(a.id()));
        assertEquals(new Usage(0, 0), quotas.recount(a.id()));
        assertEquals(quotas.recount(b.id()), quotas.usage(b.id()));
        assertEquals(1, quotas.usage(b.id()).messages());
    }

    @Test
    void concurrentDeliveriesAndCommitsKeepUsageExact() throws Exception {
        Account account = fixtures.newAccount();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DeliveredMessage>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> fixtures.deliver(account.id(), StoreFixtures.uniqueBody("c".repeat(n * 37)))));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<DeliveredMessage> f : futures) {
                ids.add(f.get().messageId());
            }
            List<Future<?>> commits = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long id = ids.get(i * 2);
                commits.add(pool.submit(() -> fixtures.commitAsSession(account.id(), Set.of(id))));
                commits.add(pool.submit(() -> fixtures.deliver(account.id(), StoreFixtures.uniqueBody("late"))));
            }
            for (Future<?> f : commits) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(24, quotas.usage(account.id()).messages());
        assertEquals(quotas.recount(account.id()), quotas.usage(account.id()));
    }

    @Test
    void repairFixesDriftedCounters() {
        Account account = fixtures.newAccount();
        DeliveredMessage m = fixtures.deliver(account.id(), StoreFixtures.uniqueBody("counted"));
        fixtures.execute("update account set used_bytes = 999999, used_messages = 7 where id = ?", account.id());
        assertEquals(new Usage(999999, 7), quotas.usage(account.id()));
        assertEquals(new Usage(m.size(), 1), quotas.repair(account.id()));
        assertEquals(new Usage(m.size(), 1), quotas.usage(account.id()));
    }
}
