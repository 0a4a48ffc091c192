package io.buzon.console;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A replica with the console switched off (e.g. a POP3-only pod) that also started on the embedded
 * database: console, self-service, API and assets are 404, health stays up, and the demo data is seeded once.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(ConsoleDisabledWithDemoDataTest.Profile.class)
class ConsoleDisabledWithDemoDataTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("buzon.console.enabled", "false", "buzon.embedded-database.active", "true");
        }
    }

    @Inject
    AccountService accounts;

    @Inject
    DomainService domains;

    @Inject
    AuthService auth;

    @Inject
    io.buzon.store.job.ClusterJobs jobs;

    @Test
    void consoleRoutesAre404AndHealthStaysUp() {
        for (String path : new String[] {"/console", "/console/login", "/console/assets/console.css", "/me/login", "/api/v1/domains"}) {
            given().redirects().follow(false).get(path).then().statusCode(404);
        }
        given().header("Authorization", "Bearer test-api-key-0123456789").get("/api/v1/domains").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void demoMailboxIsSeededOnceWithItsWelcomeMessageAndKnownPassword() {
        Account a = accounts.findByLogin(DemoData.LOGIN).orElseThrow();
        assertEquals(1, a.usedMessages());
        assertEquals(DemoData.welcome().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, a.usedBytes());
        assertEquals(100L * 1024 * 1024, domains.find(DemoData.DOMAIN).orElseThrow().defaultQuotaBytes());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(DemoData.LOGIN, DemoData.PASSWORD, "pop3", null).outcome());
        assertFalse(jobs.claimOnce(DemoData.ONCE), "the seed is recorded and not repeated at the next start");
    }
}
