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
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DomainsAndAccountsTest {

    static final String STRONG = "Correct-Horse-Battery-42";

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    @Inject
    TestAdmins admins;

    @Inject
    DeliveryService delivery;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    ConsoleClient superAdmin() {
        return ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
    }

    List<AuditEntry> auditOf(String action, String target) {
        return audit.search(new AuditFilter(null, action, target, null, null), PageRequest.first(50)).items();
    }

    @Test
    void createDomainThenAccountWithQuotaAndSeeItListed() {
        ConsoleClient c = superAdmin();
        String domain = unique("shop");
        Response created = c.post("/console/domains", Map.of("name", domain.toUpperCase(), "quotaMib", "100", "quotaMessages", ""));
        assertEquals(303, created.statusCode(), created.asString());
        Domain d = domains.find(domain).orElseThrow();
        assertEquals(100L * 1024 * 1024, d.defaultQuotaBytes());
        assertNull(d.defaultQuotaMessages());
        assertEquals(1, auditOf("domain.create", "domain:" + domain).size());
        assertEquals("admin", auditOf("domain.create", "domain:" + domain).get(0).actor());

        c.get("/console/accounts?domain=" + domain);
        Response acc = c.post("/console/accounts", Map.of("login", "Ana@" + domain, "displayName", "Ana Pérez",
                "password", STRONG, "quotaMib", "50"));
        assertEquals(303, acc.statusCode(), acc.asString());
        Account a = accounts.findByLogin("ana@" + domain).orElseThrow();
        assertEquals(50L * 1024 * 1024, a.quotaBytes());
        assertEquals(1, auditOf("account.create", "ana@" + domain).size());

        c.get("/console/accounts?domain=" + domain).then().statusCode(200)
                .body(containsString(">ana@" + domain + "</a>")).body(containsString("Ana Pérez")).body(containsString("50.0 MiB"));
        c.get("/console/accounts?q=ANA&domain=" + domain).then().statusCode(200).body(containsString(">ana@" + domain + "</a>"));
        c.get("/console/accounts?q=nobody&domain=" + domain).then().statusCode(200).body(not(containsString(">ana@" + domain + "</a>")));

        Response quota = c.post("/console/accounts/" + a.id() + "/quota", Map.of("quotaMib", "20", "quotaMessages", "1000"));
        assertEquals(303, quota.statusCode());
        Account after = accounts.find(a.id()).orElseThrow();
        assertEquals(20L * 1024 * 1024, after.quotaBytes());
        assertEquals(1000L, after.quotaMessages());
        assertEquals(1, auditOf("account.quota", "ana@" + domain).size());
    }

    @Test
    void validationErrorsAreShownOnThePageAndNothingIsCreated() {
        ConsoleClient c = superAdmin();
        c.get("/console/domains");
        c.post("/console/domains", Map.of("name", "not a domain!", "quotaMib", "", "quotaMessages", ""))
                .then().statusCode(400).body(containsString("class=\"alert\"")).body(containsString("not a domain!"));
        c.post("/console/domains", Map.of("name", unique("q"), "quotaMib", "lots", "quotaMessages", ""))
                .then().statusCode(400).body(containsString("Enter the size in MiB as a whole number"));

        String domain = unique("weak");
        domains.create(Actor.system("test"), domain, null, null);
        c.get("/console/accounts?domain=" + domain);
        c.post("/console/accounts", Map.of("login", "bob@" + domain, "displayName", "", "password", "short", "quotaMib", ""))
                .then().statusCode(400)
                .body(containsString("The password does not meet the policy"))
                .body(containsString("At least 10 characters."))
                .body(containsString("value=\"bob@" + domain + "\""));
        assertTrue(accounts.findByLogin("bob@" + domain).isEmpty(), "a refused password leaves no account behind");
    }

    @Test
    void passwordCheckEndpointGivesLiveFeedbackInTheReadersLanguage() {
        ConsoleClient c = superAdmin();
        c.get("/console/accounts");
        c.request().header("X-CSRF-Token", c.csrf).header("Accept-Language", "es")
                .contentType("application/x-www-form-urlencoded").formParams(Map.of("login", "x@example.test", "password", "abc"))
                .post("/console/accounts/password-check")
                .then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("reasons[0]", org.hamcrest.Matchers.equalTo("Al menos 10 caracteres."));
        c.request().header("X-CSRF-Token", c.csrf)
                .contentType("application/x-www-form-urlencoded").formParams(Map.of("login", "x@example.test", "password", STRONG))
                .post("/console/accounts/password-check")
                .then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true));
        c.request().contentType("application/x-www-form-urlencoded").formParams(Map.of("password", STRONG))
                .post("/console/accounts/password-check").then().statusCode(403);
    }

    @Test
    void mailboxMessagesAreListedWithHeadersAndCanBeDeleted() throws Exception {
        String domain = unique("mail");
        domains.create(Actor.system("test"), domain, null, null);
        Account a = accounts.create(Actor.system("test"), "carla@" + domain, null);
        byte[] body = ("From: =?UTF-8?Q?Jos=C3=A9?= <jose@example.org>\r\nSubject: Hola\r\n continued\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        StagedContent staged = delivery.stage(new ByteArrayInputStream(body));
        delivery.deliver(a.id(), staged, null, null, null);
        delivery.release(staged);
        long size = accounts.find(a.id()).orElseThrow().usedBytes();
        assertEquals(body.length, size);

        ConsoleClient c = superAdmin();
        Response page = c.get("/console/accounts/" + a.id());
        page.then().statusCode(200).body(containsString("José &lt;jose@example.org&gt;")).body(containsString("Hola continued"))
                .body(containsString(size + " B"));
        String html = page.asString();
        String action = html.replaceAll("(?s).*action=\"(/console/accounts/" + a.id() + "/messages/\\d+/delete)\".*", "$1");
        assertEquals(303, c.post(action, Map.of()).statusCode());
        Account after = accounts.find(a.id()).orElseThrow();
        assertEquals(0, after.usedMessages());
        assertEquals(0, after.usedBytes());
        assertEquals(1, auditOf("message.delete", "carla@" + domain).size());
    }

    @Test
    void deleteNeedsTheNameTypedAndListsWhatGoes() {
        String domain = unique("gone");
        Domain d = domains.create(Actor.system("test"), domain, null, null);
        accounts.create(Actor.system("test"), "x1@" + domain, null);
        ConsoleClient c = superAdmin();
        c.get("/console/domains/" + d.id()).then().statusCode(200).body(containsString("x1@" + domain))
                .body(containsString("This deletes 1 accounts"));
        c.post("/console/domains/" + d.id() + "/delete", Map.of("confirmName", "wrong"))
                .then().statusCode(400).body(containsString("Type the domain"));
        assertTrue(domains.find(domain).isPresent());
        assertEquals(303, c.post("/console/domains/" + d.id() + "/delete", Map.of("confirmName", domain)).statusCode());
        assertTrue(domains.find(domain).isEmpty());
        assertEquals("accounts=1 messages=0 bytes=0", auditOf("domain.delete", "domain:" + domain).get(0).detail());
    }

    @Test
    void domainAdminSeesAndTouchesOnlyTheirDomains() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        domains.create(Actor.system("test"), mine, null, null);
        Domain other = domains.create(Actor.system("test"), theirs, null, null);
        Account foreign = accounts.create(Actor.system("test"), "eve@" + theirs, null);
        String name = "dadmin" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "domain-admin-pass-1", AdminRole.DOMAIN_ADMIN, List.of(mine));

        ConsoleClient c = ConsoleClient.loggedIn(name, "domain-admin-pass-1");
        c.get("/console/domains").then().statusCode(200).body(containsString(mine)).body(not(containsString(theirs)));
        c.get("/console/domains/" + other.id()).then().statusCode(403);
        c.get("/console/accounts?domain=" + theirs).then().statusCode(403);
        c.get("/console/accounts/" + foreign.id()).then().statusCode(403);
        c.post("/console/accounts/" + foreign.id() + "/enabled", Map.of("enabled", "false")).then().statusCode(403);
        assertTrue(accounts.find(foreign.id()).orElseThrow().enabled());
        c.post("/console/accounts", Map.of("login", "mallory@" + theirs, "displayName", "", "password", STRONG, "quotaMib", ""))
                .then().statusCode(403);
        assertTrue(accounts.findByLogin("mallory@" + theirs).isEmpty());
        c.post("/console/domains", Map.of("name", unique("new"), "quotaMib", "", "quotaMessages", "")).then().statusCode(403);
        c.get("/console/admins").then().statusCode(403);

        assertEquals(303, c.post("/console/accounts", Map.of("login", "dan@" + mine, "displayName", "", "password", STRONG, "quotaMib", "")).statusCode());
        c.get("/console/accounts").then().statusCode(200).body(containsString("dan@" + mine));
        assertEquals(name, auditOf("account.create", "dan@" + mine).get(0).actor());
    }

    @Test
    void formsWithoutCsrfTokenAreRejectedAndChangeNothing() {
        String domain = unique("csrf");
        Domain d = domains.create(Actor.system("test"), domain, null, null);
        ConsoleClient c = superAdmin();
        c.postWithoutCsrf("/console/domains/" + d.id() + "/enabled", Map.of("enabled", "false")).then().statusCode(403);
        c.postWithoutCsrf("/console/domains/" + d.id() + "/enabled", Map.of("enabled", "false", "_csrf", "x" + c.csrf)).then().statusCode(403);
        assertTrue(domains.find(domain).orElseThrow().enabled());
        assertFalse(c.post("/console/domains/" + d.id() + "/enabled", Map.of("enabled", "false")).statusCode() != 303);
        assertFalse(domains.find(domain).orElseThrow().enabled());
    }
}
