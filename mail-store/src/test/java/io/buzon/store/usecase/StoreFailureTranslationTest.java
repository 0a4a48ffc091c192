package io.buzon.store.usecase;

import io.buzon.store.Actor;
import io.buzon.store.StorageFailureException;
import io.buzon.store.domain.DomainService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database failure reaches callers as the store's one failure type, whichever API the store used inside:
 * here Hibernate's flush (domains are entities), refused by a trigger in the database.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class StoreFailureTranslationTest {

    @Inject
    DomainService domains;

    @Inject
    StoreFixtures fixtures;

    @Test
    void aFailedEntityWriteIsAStorageFailure() {
        String name = "refused-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        fixtures.execute("create function " + trigger + "() returns trigger language plpgsql as $$"
                + " begin if new.name = '" + name + "' then raise exception 'disk full (simulated)'; end if;"
                + " return new; end $$");
        fixtures.execute("create trigger " + trigger + " before insert on domain for each row execute function "
                + trigger + "()");
        try {
            StorageFailureException e = assertThrows(StorageFailureException.class,
                    () -> domains.create(Actor.system("test"), name, null, null));
            assertTrue(e.getMessage().contains("DomainService.create failed"), e.getMessage());
        } finally {
            fixtures.execute("drop trigger " + trigger + " on domain");
            fixtures.execute("drop function " + trigger + "()");
        }
        assertTrue(domains.find(name).isEmpty());
    }
}
