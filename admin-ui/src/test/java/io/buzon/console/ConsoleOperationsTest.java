package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.retention.RetentionRules;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ConsoleOperationsTest {

    @Inject
    TestAdmins admins;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    @Inject
    PasswordPolicyService policies;

    @Inject
    RetentionRules retentionRules;

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropLockService locks;

    static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    ConsoleClient superAdmin() {
        return ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
    }

    @Test
    void superAdminCreatesAnAdminWhoCanThenSignInAndIsAudited() {
        ConsoleClient c = superAdmin();
        c.get("/console/admins");
        String name = "ops" + UUID.randomUUID().toString().substring(0, 6);
        String a = "a" + name + ".test";
        String b = "b" + name + ".test";
        domains.create(Actor.system("test"), a, null, null);
        domains.create(Actor.system("test"), b, null, null);
        // admin passwords pass the same policy as mailbox passwords
        c.post("/console/admins", Map.of("username", name, "password", "short", "role", "DOMAIN_ADMIN", "domains", a))
                .then().statusCode(400).body(containsString("At least 10 characters"));
        c.post("/console/admins", Map.of("username", name, "password", "password1234", "role", "DOMAIN_ADMIN", "domains", a))
                .then().statusCode(400);
        // grants name existing domains only, and a crafted role is refused
        c.post("/console/admins", Map.of("username", name, "password", "long-enough-pass", "role", "DOMAIN_ADMIN",
                "domains", "never-created-" + name + ".test")).then().statusCode(400).body(containsString("There is no domain"));
        c.post("/console/admins", Map.of("username", name, "password", "long-enough-pass", "role", "ROOT", "domains", a))
                .then().statusCode(400);
        assertTrue(admins.findByUsername(name).isEmpty());
        c.post("/console/admins", Map.of("username", name, "password", "long-enough-pass", "role", "DOMAIN_ADMIN",
                "domains", a.toUpperCase() + ", " + b)).then().statusCode(303);
        assertEquals(java.util.Set.of(a, b), java.util.Set.copyOf(admins.findByUsername(name).orElseThrow().domainNames()));
        assertEquals(1, audit.search(new AuditFilter("admin", "admin.create", "admin:" + name, null, null), PageRequest.first(5)).total());
        ConsoleClient.loggedIn(name, "long-enough-pass").get("/console/domains").then().statusCode(200);
    }

    @Test
    void adminWithTotpNeedsTheCodeAfterThePassword() {
        String name = "totp" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "totp-admin-password", AdminRole.SUPER_ADMIN, List.of());
        ConsoleClient c = ConsoleClient.loggedIn(name, "totp-admin-password");
        String page = c.post("/console/profile/totp/start", Map.of()).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]{32})<").matcher(page);
        assertTrue(m.find());
        String secret = m.group(1);
        c.post("/console/profile/totp/confirm", Map.of("secret", secret, "code", code(secret))).then().statusCode(303);

        ConsoleClient next = new ConsoleClient();
        Response r = next.login(name, "totp-admin-password");
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/console/login/totp"));
        next.get("/console/domains").then().statusCode(303).header("Location", containsString("/console/login/totp"));
        next.get("/console/login/totp");
        next.post("/console/login/totp", Map.of("code", "000000")).then().statusCode(401).body(containsString("That code is not valid"));
        // The enrolment used up the current step's code; the next step's code is within the allowed drift.
        next.post("/console/login/totp", Map.of("code", io.buzon.store.auth.Totp.code(secret,
                io.buzon.store.auth.Totp.step(Instant.now()) + 1))).then().statusCode(303);
        next.get("/console/domains").then().statusCode(200);
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        String name = "throttled" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "the-right-password", AdminRole.SUPER_ADMIN, List.of());
        ConsoleClient c = new ConsoleClient();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, c.login(name, "wrong-password-" + i).statusCode());
        }
        Response blocked = c.login(name, "the-right-password");
        assertEquals(429, blocked.statusCode());
        assertTrue(blocked.asString().contains("Too many failed attempts"));
    }

    @Test
    void policyPageSavesRulesAndTestsPasswords() {
        String d = unique("pol");
        Domain domain = domains.create(Actor.system("test"), d, null, null);
        ConsoleClient c = superAdmin();
        c.get("/console/policy?domain=" + d).then().statusCode(200).body(containsString("placeholder=\"10\""));
        c.post("/console/policy", Map.of("domain", d, "minLength", "14", "minDigits", "2", "maxAgeDays", "90", "lockoutWindowMinutes", "30"))
                .then().statusCode(303);
        assertEquals(14, policies.effectivePolicy(domain.id()).minLength());
        assertEquals(90, policies.effectivePolicy(domain.id()).maxAgeDays());
        assertEquals(30, policies.effectivePolicy(domain.id()).lockoutWindow().toMinutes());
        assertEquals(10, policies.effectivePolicy(null).minLength(), "the global policy is untouched");
        c.post("/console/policy", Map.of("domain", d, "minLength", "x")).then().statusCode(400).body(containsString("whole numbers"));
        c.post("/console/policy", Map.of("domain", d, "minLength", "300")).then().statusCode(400).body(containsString("contradict"));
        c.post("/console/policy/test", Map.of("domain", d, "password", "Long-Enough-Phrase-9"))
                .then().statusCode(200).body(containsString("At least 2 digit(s)."));
        c.post("/console/policy/test", Map.of("domain", d, "password", "Long-Enough-Phrase-98"))
                .then().statusCode(200).body(containsString("Meets the policy."));
        c.post("/console/policy/clear", Map.of("domain", d)).then().statusCode(303);
        assertEquals(10, policies.effectivePolicy(domain.id()).minLength());
        assertEquals(1, audit.search(new AuditFilter("admin", "password-policy.set", "domain:" + d, null, null), PageRequest.first(5)).total());
    }

    @Test
    void retentionRulePreviewAndRunDeleteOldMail() throws Exception {
        String d = unique("ret");
        domains.create(Actor.system("test"), d, null, null);
        Account a = accounts.create(Actor.system("test"), "old@" + d, null);
        byte[] body = "Subject: old\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        StagedContent staged = delivery.stage(new ByteArrayInputStream(body));
        delivery.deliver(a.id(), staged, null, null, Instant.now().minusSeconds(40L * 86400));
        delivery.release(staged);

        ConsoleClient c = superAdmin();
        c.get("/console/retention?account=" + a.login()).then().statusCode(200);
        c.post("/console/retention/rule", Map.of("level", "account", "key", a.login(), "olderThan", "30")).then().statusCode(303);
        assertEquals(30, retentionRules.effectiveRule(a.id()).deleteOlderThanDays());
        c.post("/console/retention/preview", Map.of()).then().statusCode(200)
                .body(containsString(a.login())).body(containsString("in 1 accounts"));
        assertEquals(1, accounts.find(a.id()).orElseThrow().usedMessages(), "preview deletes nothing");
        c.post("/console/retention/run", Map.of()).then().statusCode(200).body(containsString("Deleted 1 messages (" + body.length + " B)"));
        assertEquals(0, accounts.find(a.id()).orElseThrow().usedMessages());
        c.get("/console/retention").then().statusCode(200).body(containsString(a.login() + " (1)"));
    }

    @Test
    void sessionsPageListsLeasesAndEndsOne() {
        String d = unique("ses");
        domains.create(Actor.system("test"), d, null, null);
        Account a = accounts.create(Actor.system("test"), "live@" + d, null);
        var lease = locks.tryAcquire(a.id(), "session-1", "198.51.100.4", true).orElseThrow();
        try {
            ConsoleClient c = superAdmin();
            c.get("/console/sessions").then().statusCode(200).body(containsString(a.login())).body(containsString("198.51.100.4"));
            c.post("/console/sessions/" + a.id() + "/end", Map.of()).then().statusCode(303);
            assertTrue(locks.terminationRequested(lease));
            assertEquals(1, audit.search(new AuditFilter("admin", "session.terminate", a.login(), null, null), PageRequest.first(5)).total());
        } finally {
            locks.release(lease);
        }
    }

    @Test
    void auditPageFiltersByActionTargetAndDate() {
        String d = unique("aud");
        ConsoleClient c = superAdmin();
        c.get("/console/domains");
        c.post("/console/domains", Map.of("name", d, "quotaMib", "", "quotaMessages", "")).then().statusCode(303);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        c.get("/console/audit?action=domain.create&target=domain:" + d + "&from=" + today + "&to=" + today)
                .then().statusCode(200).body(containsString("domain:" + d));
        c.get("/console/audit?action=domain.create&target=domain:" + d + "&from=2001-01-01&to=2001-01-02")
                .then().statusCode(200).body(not(containsString("domain:" + d + "</td>")));
        c.get("/console/audit?from=yesterday").then().statusCode(200).body(containsString("YYYY-MM-DD"));
    }

    @Test
    void pagesRenderInSpanish() {
        ConsoleClient c = superAdmin();
        c.request().header("Accept-Language", "es").get("/console").then().statusCode(200)
                .body(containsString("Panel")).body(containsString("Sesiones POP3 abiertas"));
        c.request().cookie("buzon_lang", "es").get("/console/no-such-page").then().statusCode(404);
    }

    @Test
    void unknownIdsAreAFriendlyNotFoundPageNotAStackTrace() {
        ConsoleClient c = superAdmin();
        c.get("/console/accounts/999999999").then().statusCode(404).body(containsString("Not found."))
                .body(not(containsString("Exception")));
        c.get("/console/domains/abc").then().statusCode(404).body(not(containsString("Exception")));
    }

    static String code(String secret) {
        return io.buzon.store.auth.Totp.code(secret, io.buzon.store.auth.Totp.step(Instant.now()));
    }

    @Test
    void domainAdminCannotChangeTheGlobalPolicyOrRunRetention() {
        String mine = unique("da");
        domains.create(Actor.system("test"), mine, null, null);
        String name = "da" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "domain-admin-pass-2", AdminRole.DOMAIN_ADMIN, List.of(mine));
        ConsoleClient c = ConsoleClient.loggedIn(name, "domain-admin-pass-2");
        c.get("/console/policy").then().statusCode(403);
        c.get("/console/policy?domain=" + mine).then().statusCode(200);
        c.post("/console/policy", Map.of("minLength", "4")).then().statusCode(403);
        c.post("/console/retention/run", Map.of()).then().statusCode(403);
        c.get("/console/tokens").then().statusCode(403);
        assertFalse(c.get("/console/audit").asString().contains(">admin</td>"), "a domain admin sees only their own entries");
    }
}
