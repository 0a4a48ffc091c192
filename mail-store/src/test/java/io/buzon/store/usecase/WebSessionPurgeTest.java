package io.buzon.store.usecase;

import io.buzon.store.Secrets;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.WebSessionService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser sessions nobody comes back to are deleted by the periodic purge, not kept forever. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class WebSessionPurgeTest {

    @Inject
    WebSessionService sessions;

    @Inject
    StoreFixtures fixtures;

    @Test
    void expiredAndIdleSessionsArePurgedAndLiveOnesKept() {
        String subject = "purge-" + UUID.randomUUID();
        WebSessionService.Opened expired = sessions.open(SessionKind.ADMIN, subject, false, "192.0.2.1");
        WebSessionService.Opened idle = sessions.open(SessionKind.MAILBOX, subject, false, "192.0.2.1");
        WebSessionService.Opened live = sessions.open(SessionKind.ADMIN, subject, false, "192.0.2.1");
        fixtures.execute("update console_session set expires_at = now() - interval '1 minute' where token_hash = ?",
                Secrets.sha256Hex(expired.token()));
        fixtures.execute("update console_session set last_seen_at = now() - interval '2 hours' where token_hash = ?",
                Secrets.sha256Hex(idle.token()));

        assertTrue(sessions.purgeExpired() >= 2);

        assertEquals(1, fixtures.queryLong("select count(*) from console_session where subject = ?", subject));
        assertTrue(sessions.resolve(live.token(), SessionKind.ADMIN).isPresent());
    }
}
