package io.buzon.store.retention;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.domain.Domain;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class RetentionServiceTest {

    @Inject
    RetentionService retention;

    @Inject
    RetentionRules rules;

    @Inject
    StoreFixtures fixtures;

    @Inject
    QuotaService quotas;

    @Inject
    MaildropLockService locks;

    @Inject
    MaildropService maildrops;

    @Inject
    DataSource dataSource;

    @Test
    void mostSpecificLevelWinsPerSetting() {
        Domain domain = fixtures.newDomain();
        Account special = fixtures.newAccount(domain);
        Account ordinary = fixtures.newAccount(domain);
        Account elsewhere = fixtures.newAccount();
        RetentionOverrides originalGlobal = rules.globalRule();
        try {
            rules.setGlobalRule(Actor.system("test"), new RetentionOverrides(30, null, null));
            rules.setDomainRule(Actor.system("test"), domain.id(), new RetentionOverrides(null, 365, 120));
            rules.setAccountRule(Actor.system("test"), special.id(), new RetentionOverrides(7, null, 0));
            assertEquals(new RetentionRule(7, 365, 0), retention.effectiveRule(special.id()));
            assertEquals(new RetentionRule(30, 365, 120), retention.effectiveRule(ordinary.id()));
            assertEquals(new RetentionRule(30, 0, 0), retention.effectiveRule(elsewhere.id()));

            // 0 is a value: it switches the domain's rule off for this account.
            rules.setAccountRule(Actor.system("test"), special.id(), new RetentionOverrides(null, 0, null));
            assertEquals(new RetentionRule(30, 0, 120), retention.effectiveRule(special.id()));
            assertEquals(OptionalInt.of(30), retention.effectiveRule(special.id()).expireDays());
            assertEquals(OptionalInt.of(30), retention.effectiveRule(ordinary.id()).expireDays());

            // Every account now expires mail: the largest value is 30 days.
            assertEquals(OptionalInt.of(30), retention.maxExpireDaysForAnyUser());
            assertEquals(120, rules.maxLoginDelaySecondsForAnyUser());
            rules.setAccountRule(Actor.system("test"), special.id(), new RetentionOverrides(0, 0, null));
            assertEquals(OptionalInt.empty(), retention.effectiveRule(special.id()).expireDays());
            assertEquals(OptionalInt.empty(), retention.maxExpireDaysForAnyUser(), "one account keeps mail forever");

            rules.clearAccountRule(Actor.system("test"), special.id());
            rules.clearDomainRule(Actor.system("test"), domain.id());
            assertEquals(new RetentionRule(30, 0, 0), retention.effectiveRule(special.id()));
        } finally {
            rules.clearGlobalRule(Actor.system("test"));
            if (!originalGlobal.equals(RetentionOverrides.NONE)) {
                rules.setGlobalRule(Actor.system("test"), originalGlobal);
            }
        }
        assertEquals(RetentionRule.KEEP_FOREVER, retention.effectiveRule(ordinary.id()));
        assertEquals(OptionalInt.empty(), retention.maxExpireDaysForAnyUser());
    }

    @Test
    void purgeDeletesExactlyWhatThePreviewShowed() throws Exception {
        Domain domain = fixtures.newDomain();
        Account a = fixtures.newAccount(domain);
        Account b = fixtures.newAccount(domain);
        Account c = fixtures.newAccount(domain);
        rules.setDomainRule(Actor.system("test"), domain.id(), new RetentionOverrides(10, 60, null));
        rules.setAccountRule(Actor.system("test"), a.id(), new RetentionOverrides(null, 0, 30));

        String shared = StoreFixtures.uniqueBody("shared by a1 and b4, both purged");
        String sharedKept = StoreFixtures.uniqueBody("shared by a5 (kept) and b5 (purged)");
        long a1 = deliver(a, shared, "11 days", null);                 // retrieved 11 days ago: purge
        long a2 = deliver(a, body("a2"), "9 days", null);              // retrieved 9 days ago: keep
        long a3 = deliver(a, body("a3"), null, "90 days");             // old, but a's older-than is off: keep
        long a4 = deliver(a, body("a4"), null, null);                  // fresh: keep
        long a5 = deliver(a, sharedKept, null, null);                  // keep
        long b1 = deliver(b, body("b1"), null, "61 days");             // older than 60: purge
        long b2 = deliver(b, body("b2"), "10 days 1 hour", null);      // retrieved >10 days ago: purge
        long b3 = deliver(b, body("b3"), null, "59 days");             // keep
        long b4 = deliver(b, shared, "20 days", null);                 // purge
        long b5 = deliver(b, sharedKept, null, "70 days");             // purge
        long c1 = deliver(c, body("c1"), null, "100 days");            // would purge, but c is locked
        long sharedContent = contentOf(a1);
        long keptContent = contentOf(a5);

        Lease session = locks.tryAcquire(c.id(), "test-session", "192.0.2.1", false).orElseThrow();
        try {
            RetentionPreview preview = retention.preview();
            List<AccountPurge> expected = List.of(
                    new AccountPurge(a.id(), a.login(), List.of(a1), size(a1)),
                    new AccountPurge(b.id(), b.login(), List.of(b1, b2, b4, b5), size(b1) + size(b2) + size(b4) + size(b5)),
                    new AccountPurge(c.id(), c.login(), List.of(c1), size(c1)));
            assertEquals(expected, preview.accounts(), "only this test's domain has rules");
            assertEquals(6, preview.messages());
            assertEquals(expected.stream().mapToLong(AccountPurge::bytes).sum(), preview.bytes());
            assertEquals(11, count("select count(*) from message where account_id in (?, ?, ?)", a.id(), b.id(), c.id()),
                    "a preview changes nothing");

            RetentionReport report = retention.purge(Actor.system("admin@" + domain.name()));

            assertEquals(List.of(
                    new AccountPurgeResult(expected.get(0), PurgeOutcome.PURGED),
                    new AccountPurgeResult(expected.get(1), PurgeOutcome.PURGED),
                    new AccountPurgeResult(expected.get(2), PurgeOutcome.SKIPPED_LOCKED)), report.accounts());
            assertEquals(5, report.messages());
            assertEquals(expected.get(0).bytes() + expected.get(1).bytes(), report.bytes());
            assertEquals("finished", report.status());
            assertNotNull(report.finishedAt());

            assertEquals(Set.of(a2, a3, a4, a5), ids(a.id()));
            assertEquals(Set.of(b3), ids(b.id()));
            assertEquals(Set.of(c1), ids(c.id()), "locked maildrop untouched");
            for (Account account : List.of(a, b, c)) {
                assertEquals(quotas.recount(account.id()), quotas.usage(account.id()), account.login());
            }
            assertEquals(0, count("select count(*) from content where id = ?", sharedContent), "last reference gone");
            assertEquals(1, count("select count(*) from content where id = ?", keptContent), "a5 still refers to it");

            // The run is recorded with its detail.
            assertEquals(report, retention.run(report.runId()).orElseThrow());
            assertEquals(report, retention.runs(1).get(0));
            assertEquals(1, count("select count(*) from retention_run where id = ? and accounts = 2 and messages = 5 "
                    + "and bytes = ? and skipped = 1 and status = 'finished'", report.runId(), report.bytes()));
        } finally {
            locks.release(session);
        }

        // Unlocked, the next run takes c's message.
        RetentionReport next = retention.purge(Actor.system("system"));
        AccountPurge cPurge = new AccountPurge(c.id(), c.login(), List.of(c1), size(c1));
        assertEquals(List.of(new AccountPurgeResult(cPurge, PurgeOutcome.PURGED)), next.accounts());
        assertEquals(Set.of(), ids(c.id()));
        assertEquals(quotas.recount(c.id()), quotas.usage(c.id()));
        assertEquals(List.of(), retention.preview().accounts());
        rules.clearDomainRule(Actor.system("test"), domain.id());
    }

    @Test
    void purgeOfAPreviewIgnoresLaterMailAndMailDeletedMeanwhile() throws Exception {
        Domain domain = fixtures.newDomain();
        Account a = fixtures.newAccount(domain);
        rules.setDomainRule(Actor.system("test"), domain.id(), new RetentionOverrides(null, 30, null));
        long old1 = deliver(a, body("old1"), null, "31 days");
        long old2 = deliver(a, body("old2"), null, "40 days");
        long old3 = deliver(a, body("old3"), null, "50 days");
        RetentionPreview preview = retention.preview();
        assertEquals(List.of(new AccountPurge(a.id(), a.login(), List.of(old1, old2, old3),
                size(old1) + size(old2) + size(old3))), preview.accounts());

        long afterPreview = deliver(a, body("late"), null, "45 days");
        fixtures.commitAsSession(a.id(), Set.of(old2)); // the owner deleted it over POP3 meanwhile

        RetentionReport report = retention.purge(Actor.system("system"), preview);
        assertEquals(List.of(new AccountPurgeResult(new AccountPurge(a.id(), a.login(), List.of(old1, old3),
                size(old1) + size(old3)), PurgeOutcome.PURGED)), report.accounts());
        assertEquals(2, report.messages());
        assertEquals(Set.of(afterPreview), ids(a.id()), "mail newer than the preview stays");
        assertEquals(quotas.recount(a.id()), quotas.usage(a.id()));
        assertTrue(retention.preview().accounts().stream().anyMatch(p -> p.messageIds().equals(List.of(afterPreview))));
        rules.clearDomainRule(Actor.system("test"), domain.id());
    }

    private final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();

    private long size(long messageId) {
        return sizes.get(messageId);
    }

    private static String body(String text) {
        return StoreFixtures.uniqueBody(text + " " + "x".repeat(text.length() * 37));
    }

    /** Delivers, then moves first retrieval and/or delivery into the past by a PostgreSQL interval. */
    private long deliver(Account account, String body, String retrievedAgo, String receivedAgo) throws Exception {
        var delivered = fixtures.deliver(account.id(), body);
        sizes.put(delivered.messageId(), delivered.size());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update message set "
                     + "first_retrieved_at = case when ?::text is null then null else now() - ?::interval end, "
                     + "received_at = case when ?::text is null then received_at else now() - ?::interval end "
                     + "where id = ?")) {
            s.setString(1, retrievedAgo);
            s.setString(2, retrievedAgo);
            s.setString(3, receivedAgo);
            s.setString(4, receivedAgo);
            s.setLong(5, delivered.messageId());
            assertEquals(1, s.executeUpdate());
        }
        return delivered.messageId();
    }

    private long contentOf(long messageId) {
        return fixtures.queryLong("select content_id from message where id = ?", messageId);
    }

    private long count(String sql, Object... args) {
        return fixtures.queryLong(sql, args);
    }

    private Set<Long> ids(long accountId) throws Exception {
        Set<Long> ids = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from message where account_id = ?")) {
            s.setLong(1, accountId);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }
}
