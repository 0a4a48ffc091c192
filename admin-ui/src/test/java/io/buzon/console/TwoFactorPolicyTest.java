package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditEntry;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.auth.AppPasswordService;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthService;
import io.buzon.store.auth.Totp;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.PolicyOverrides;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Require two-factor" in the policy: console pages, API, audit, and what it does to /me. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class TwoFactorPolicyTest {

    static final String API_KEY = "test-api-key-0123456789";
    static final String PASSWORD = "Quiet-Meadow-Lantern-5";

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    @Inject
    PasswordPolicyService policies;

    @Inject
    TestAdmins admins;

    @Inject
    AuditLog audit;

    @Inject
    AuthService auth;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AppPasswordService appPasswords;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private List<AuditEntry> policyAudit(String target) {
        return audit.search(new AuditFilter(null, "password-policy.set", target, null, null), PageRequest.first(10)).items();
    }

    @Test
    void domainAdminRequiresTwoFactorForTheirDomainOnly() {
        Domain mine = domains.create(Actor.system("test"), unique("tfa"), null, null);
        Domain other = domains.create(Actor.system("test"), unique("tfa-other"), null, null);
        String name = "tfa" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "domain-admin-pass-7", AdminRole.DOMAIN_ADMIN, List.of(mine.name()));
        ConsoleClient c = ConsoleClient.loggedIn(name, "domain-admin-pass-7");

        c.get("/console/policy?domain=" + mine.name()).then().statusCode(200)
                .body(containsString("Require two-factor for mail users"))
                .body(containsString("<option value=\"\">inherit (no)</option>"));
        c.post("/console/policy", Map.of("domain", mine.name(), "requireTwoFactor", "maybe"))
                .then().statusCode(400).body(containsString("Choose yes, no or inherit."));
        assertFalse(policies.effectivePolicy(mine.id()).requireTwoFactor());
        c.postWithoutCsrf("/console/policy", Map.of("domain", mine.name(), "requireTwoFactor", "true"))
                .then().statusCode(403);
        assertFalse(policies.effectivePolicy(mine.id()).requireTwoFactor());
        assertEquals(0, policyAudit("domain:" + mine.name()).size(), "refused forms change nothing and audit nothing");

        c.post("/console/policy", Map.of("domain", mine.name(), "requireTwoFactor", "true")).then().statusCode(303);
        assertTrue(policies.effectivePolicy(mine.id()).requireTwoFactor());
        assertEquals(Boolean.TRUE, policies.domainOverrides(mine.id()).requireTwoFactor());
        c.get("/console/policy?domain=" + mine.name()).then().statusCode(200)
                .body(containsString("<option value=\"true\" selected>yes</option>"));
        List<AuditEntry> entries = policyAudit("domain:" + mine.name());
        assertEquals(1, entries.size());
        assertEquals(name, entries.get(0).actor());
        assertTrue(entries.get(0).detail().contains("requireTwoFactor=true"), entries.get(0).detail());

        // Another domain and the global policy are out of reach.
        c.post("/console/policy", Map.of("domain", other.name(), "requireTwoFactor", "true")).then().statusCode(403);
        c.post("/console/policy", Map.of("requireTwoFactor", "true")).then().statusCode(403);
        assertFalse(policies.effectivePolicy(other.id()).requireTwoFactor());
        assertFalse(policies.effectivePolicy(null).requireTwoFactor());
        assertEquals(0, policyAudit("domain:" + other.name()).size());
    }

    @Test
    void superAdminSetsTheGlobalRuleInSpanishAndDomainsInherit() {
        Domain d = domains.create(Actor.system("test"), unique("tfa-global"), null, null);
        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.get("/console/lang?to=es&back=/console/policy").then().statusCode(303);
        c.get("/console/policy").then().statusCode(200)
                .body(containsString("Exigir doble factor a los usuarios de correo"));
        try {
            c.post("/console/policy", Map.of("requireTwoFactor", "true")).then().statusCode(303);
            assertTrue(policies.effectivePolicy(null).requireTwoFactor());
            assertTrue(policies.effectivePolicy(d.id()).requireTwoFactor(), "a domain without its own value inherits");
            c.post("/console/policy", Map.of("domain", d.name(), "requireTwoFactor", "false")).then().statusCode(303);
            assertFalse(policies.effectivePolicy(d.id()).requireTwoFactor(), "the domain overrides the global rule");
            assertEquals(1, audit.search(new AuditFilter("admin", "password-policy.set", "global", null, null),
                    PageRequest.first(50)).items().stream().filter(e -> e.detail().contains("requireTwoFactor=true")).count());
        } finally {
            policies.setGlobalOverrides(Actor.system("test"), PolicyOverrides.NONE);
        }
    }

    @Test
    void apiReadsAndWritesTheRuleAndOpenApiDescribesIt() {
        Domain d = domains.create(Actor.system("test"), unique("tfa-api"), null, null);
        api().get("/api/v1/policies/domains/" + d.name()).then().statusCode(200)
                .body("overrides.requireTwoFactor", nullValue())
                .body("effective.requireTwoFactor", equalTo(false));
        api().body("{\"requireTwoFactor\": \"sometimes\"}").put("/api/v1/policies/domains/" + d.name()).then().statusCode(400);
        assertFalse(policies.effectivePolicy(d.id()).requireTwoFactor());
        api().body(Map.of("requireTwoFactor", true)).put("/api/v1/policies/domains/" + d.name()).then().statusCode(200)
                .body("overrides.requireTwoFactor", equalTo(true))
                .body("effective.requireTwoFactor", equalTo(true));
        assertTrue(policies.effectivePolicy(d.id()).requireTwoFactor());
        List<AuditEntry> entries = policyAudit("domain:" + d.name());
        assertEquals(1, entries.size());
        assertEquals("api:BUZON_API_KEY", entries.get(0).actor());
        api().delete("/api/v1/policies/domains/" + d.name()).then().statusCode(200)
                .body("effective.requireTwoFactor", equalTo(false));
        given().header("Authorization", "Bearer wrong").contentType("application/json")
                .body(Map.of("requireTwoFactor", true)).put("/api/v1/policies/global").then().statusCode(401);
        assertFalse(policies.effectivePolicy(null).requireTwoFactor());
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Rules.properties.requireTwoFactor.type", equalTo("boolean"))
                .body("components.schemas.Rules.properties.requireTwoFactor.description",
                        containsString("app passwords"));
    }

    @Test
    void meInsistsOnTotpEnrolmentBeforeAnythingElse() {
        Domain d = domains.create(Actor.system("test"), unique("tfa-me"), null, null);
        Account a = accounts.create(Actor.system("test"), "rosa@" + d.name(), null);
        assertTrue(passwords.setPassword(Actor.system("test"), a.id(), PASSWORD).accepted());
        policies.setDomainOverrides(Actor.system("test"), d.id(), new PolicyOverrides(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, true));

        ConsoleClient c = SelfServiceTest.signIn(a.login(), PASSWORD);
        c.get("/me").then().statusCode(200)
                .body(containsString("id=\"enrolment-required\""))
                .body(not(containsString("action=\"/me/app-passwords\"")))
                .body(not(containsString("action=\"/me/password\"")))
                .body(containsString("action=\"/me/totp/start\""));
        c.post("/me/app-passwords", Map.of("name", "Thunderbird")).then().statusCode(303).header("Location", containsString("/me"));
        assertEquals(0, appPasswords.list(a.id()).size(), "no app password before enrolment");
        c.post("/me/password", Map.of("current", PASSWORD, "password", "Bright-Copper-Kettles-3",
                "confirm", "Bright-Copper-Kettles-3")).then().statusCode(303);
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(a.login(), PASSWORD, "selfservice", null).outcome(),
                "the password was not changed before enrolment");
        c.get("/me/lang?to=es").then().statusCode(303);
        c.get("/me").then().statusCode(200).body(containsString("Su administrador exige la autenticación de doble factor"));

        String page = c.post("/me/totp/start", Map.of()).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7=]+)<").matcher(page);
        assertTrue(m.find(), "enrolment shows the secret");
        String secret = m.group(1);
        long step = Totp.step(Instant.now());
        c.post("/me/totp/confirm", Map.of("secret", secret, "code", Totp.code(secret, step))).then().statusCode(303);
        assertTrue(twoFactor.isEnabled(a.id()));

        c.get("/me").then().statusCode(200).body(not(containsString("id=\"enrolment-required\"")))
                .body(containsString("action=\"/me/app-passwords\""))
                .body(not(containsString("action=\"/me/totp/disable\"")));
        c.post("/me/totp/disable", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(400)
                .body(containsString("no se puede desactivar"));
        assertTrue(twoFactor.isEnabled(a.id()));
        c.post("/me/app-passwords", Map.of("name", "Thunderbird")).then().statusCode(200);
        assertEquals(1, appPasswords.list(a.id()).size());

        // The next sign-in asks for the code.
        ConsoleClient again = SelfServiceTest.signIn(a.login(), PASSWORD);
        again.get("/me").then().statusCode(303).header("Location", containsString("/me/login/totp"));
    }

    static io.restassured.specification.RequestSpecification api() {
        return given().header("Authorization", "Bearer " + API_KEY).contentType("application/json");
    }
}
