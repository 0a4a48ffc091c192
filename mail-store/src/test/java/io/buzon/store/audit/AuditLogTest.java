package io.buzon.store.audit;

import io.buzon.store.Actor;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.ValidationException;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuditLogTest {

    @Inject
    AuditLog audit;

    @Inject
    StoreFixtures fixtures;

    @Test
    void recordsAreAppendedAndFoundNewestFirst() {
        String admin = "admin-" + UUID.randomUUID() + "@example.org";
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        AuditEntry created = audit.record(Actor.admin(admin, "192.0.2.10"), "account.create", "ana@example.org", "display name Ana");
        AuditEntry disabled = audit.record(Actor.admin(admin, "192.0.2.10"), "account.disable", "ana@example.org", null);
        AuditEntry other = audit.record(Actor.admin(admin, null), "domain.create", "example.org", null);

        Page<AuditEntry> all = audit.search(new AuditFilter(admin, null, null, null, null), PageRequest.first(10));
        assertEquals(3, all.total());
        assertEquals(List.of(other, disabled, created), all.items());
        assertEquals("192.0.2.10", created.sourceAddress());
        assertEquals("display name Ana", created.detail());

        Page<AuditEntry> ana = audit.search(new AuditFilter(admin, null, "ana@example.org", null, null), PageRequest.first(10));
        assertEquals(List.of(disabled, created), ana.items());
        Page<AuditEntry> creates = audit.search(new AuditFilter(admin, "account.create", null, null, null), PageRequest.first(10));
        assertEquals(List.of(created), creates.items());
        Page<AuditEntry> secondPage = audit.search(new AuditFilter(admin, null, null, null, null), new PageRequest(1, 2));
        assertEquals(List.of(created), secondPage.items());
        assertEquals(3, secondPage.total());

        Page<AuditEntry> inRange = audit.search(new AuditFilter(admin, null, null, before, Instant.now().plusSeconds(1)), PageRequest.first(10));
        assertEquals(3, inRange.total());
        Page<AuditEntry> future = audit.search(new AuditFilter(admin, null, null, Instant.now().plusSeconds(60), null), PageRequest.first(10));
        assertEquals(0, future.total());
        assertEquals(created, audit.search(new AuditFilter(admin, null, null, null, created.at().plusNanos(1000)), PageRequest.first(10)).items().get(0));
    }

    @Test
    void recordJoinsTheCallersTransaction() {
        String admin = "tx-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(Actor.admin(admin, null), "domain.delete", "gone.example", null);
            throw new IllegalStateException("the change failed");
        }));
        assertEquals(0, audit.search(new AuditFilter(admin, null, null, null, null), PageRequest.first(10)).total());
    }

    @Test
    void actorAndActionAreRequiredAndDetailIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> audit.record(Actor.admin(" ", null), "x", null, null));
        assertThrows(ValidationException.class, () -> audit.record(null, "x", null, null));
        assertThrows(ValidationException.class, () -> audit.record(Actor.system("a"), null, null, null));
        AuditEntry long_ = audit.record(Actor.system("a-" + UUID.randomUUID()), "import", null, "d".repeat(20_000));
        assertEquals(10_000, long_.detail().length());
        assertTrue(fixtures.queryLong("select count(*) from audit_log where id = ?", long_.id()) == 1);
    }
}
