package io.buzon.store.usecase;

import io.buzon.store.Actor;
import io.buzon.store.StorageFailureException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropInUseException;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change and its audit record commit, or roll back, together: the store's services write the record
 * inside the change's own transaction. The database itself is made to refuse the audit record (a trigger
 * on {@code audit_log}), which must undo the change that came before it in the same transaction.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuditedChangeTest {

    @Inject
    AccountService accounts;

    @Inject
    DomainService domains;

    @Inject
    MaildropLockService locks;

    @Inject
    StoreFixtures fixtures;

    @Test
    void aChangeWhoseAuditRecordFailsIsRolledBack() {
        Account account = fixtures.newAccount();
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        fixtures.execute("create function " + trigger + "() returns trigger language plpgsql as $$"
                + " begin if new.target = '" + account.login() + "' then raise exception 'audit refused'; end if;"
                + " return new; end $$");
        fixtures.execute("create trigger " + trigger + " before insert on audit_log for each row execute function "
                + trigger + "()");
        try {
            assertThrows(StorageFailureException.class, () -> accounts.setQuota(Actor.admin("ops", "192.0.2.1"),
                    account.id(), 1234L, 5L));
            assertThrows(StorageFailureException.class, () -> accounts.setEnabled(Actor.system("test"), account.id(), false));
            assertThrows(StorageFailureException.class, () -> accounts.delete(Actor.system("test"), account.id()));
        } finally {
            fixtures.execute("drop trigger " + trigger + " on audit_log");
            fixtures.execute("drop function " + trigger + "()");
        }
        Account after = accounts.find(account.id()).orElseThrow();
        assertEquals(account.quotaBytes(), after.quotaBytes(), "the quota change was rolled back with its audit record");
        assertTrue(after.enabled());
        assertEquals(0, fixtures.queryLong("select count(*) from audit_log where target = ? and action <> 'account.create'",
                account.login()), "only the creation before the trigger was recorded");
    }

    @Test
    void aChangeThatCommitsHasExactlyItsAuditRecordWithWhoAndWhere() {
        Account account = fixtures.newAccount();
        accounts.setQuota(Actor.admin("ops-" + account.id(), "192.0.2.7"), account.id(), 4096L, null);
        assertEquals(1, fixtures.queryLong("select count(*) from audit_log where action = 'account.quota'"
                + " and target = ? and actor = ? and source_address = '192.0.2.7'"
                + " and detail = 'quotaBytes=4096 quotaMessages=null'", account.login(), "ops-" + account.id()));
    }

    @Test
    void aRefusedChangeLeavesNoAuditRecord() {
        Account account = fixtures.newAccount();
        Lease session = locks.tryAcquire(account.id(), "pop3-" + UUID.randomUUID(), "198.51.100.2", true).orElseThrow();
        try {
            assertThrows(MaildropInUseException.class, () -> accounts.delete(Actor.system("test"), account.id()));
        } finally {
            locks.release(session);
        }
        assertTrue(accounts.find(account.id()).isPresent());
        assertEquals(0, fixtures.queryLong("select count(*) from audit_log where action = 'account.delete' and target = ?",
                account.login()));
    }
}
