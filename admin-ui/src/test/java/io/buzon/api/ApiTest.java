package io.buzon.api;

import io.buzon.console.ConsoleClient;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ApiTest {

    /** Set for the test profile in application.properties. */
    static final String CONFIG_KEY = "test-api-key-0123456789";

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    AuditLog audit;

    static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static String domain() {
        return "api-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    void withoutOrWithAWrongTokenEverythingIs401() {
        given().get("/api/v1/domains").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"buzon\"");
        api("bzn_not-a-token").get("/api/v1/domains").then().statusCode(401);
        api("").get("/api/v1/accounts").then().statusCode(401);
    }

    @Test
    void tokenCreatedInTheConsoleWorksUntilRevoked() {
        ConsoleClient c = ConsoleClient.loggedIn("admin", "bootstrap-Secret-2026");
        c.get("/console/tokens");
        String html = c.post("/console/tokens", Map.of("name", "provisioning")).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"new-token\">(bzn_[A-Za-z0-9_-]+)<").matcher(html);
        assertTrue(m.find(), "token shown once");
        String token = m.group(1);
        api(token).get("/api/v1/domains").then().statusCode(200);
        assertEquals(1, audit.search(new AuditFilter("admin", "api.token.create", "token:provisioning", null, null), PageRequest.first(5)).total());

        String listing = c.get("/console/tokens").asString();
        Matcher revoke = Pattern.compile("action=\"(/console/tokens/\\d+/revoke)\"").matcher(listing);
        assertTrue(revoke.find());
        c.post(revoke.group(1), Map.of()).then().statusCode(303);
        api(token).get("/api/v1/domains").then().statusCode(401);
    }

    @Test
    void provisionDomainAccountQuotaPasswordMessagesAndDelete() throws Exception {
        String d = domain();
        api(CONFIG_KEY).body(Map.of("name", d, "defaultQuotaBytes", 1048576)).post("/api/v1/domains")
                .then().statusCode(201).body("name", equalTo(d)).body("defaultQuotaBytes", equalTo(1048576))
                .body("defaultQuotaMessages", nullValue());
        api(CONFIG_KEY).get("/api/v1/domains").then().statusCode(200).body("name", hasItem(d));
        api(CONFIG_KEY).body(Map.of("name", d)).post("/api/v1/domains").then().statusCode(409).body("error", equalTo("error_store"));
        api(CONFIG_KEY).body(Map.of("name", "bad name")).post("/api/v1/domains").then().statusCode(400);

        api(CONFIG_KEY).body(Map.of("login", "ops@" + d, "password", "short")).post("/api/v1/accounts")
                .then().statusCode(422).body("reasons.code", hasItem("PASSWORD_TOO_SHORT"));
        assertTrue(accounts.findByLogin("ops@" + d).isEmpty());
        api(CONFIG_KEY).body(Map.of("login", "ops@" + d, "displayName", "Ops", "password", "Correct-Horse-Battery-42", "quotaBytes", 5000))
                .post("/api/v1/accounts").then().statusCode(201).body("login", equalTo("ops@" + d)).body("quotaBytes", equalTo(5000));

        api(CONFIG_KEY).body(Map.of("bytes", 9000, "messages", 10)).put("/api/v1/accounts/ops@" + d + "/quota")
                .then().statusCode(200).body("quotaBytes", equalTo(9000)).body("quotaMessages", equalTo(10));
        api(CONFIG_KEY).body(Map.of("password", "Another-Long-Pass-99")).put("/api/v1/accounts/ops@" + d + "/password")
                .then().statusCode(204);
        api(CONFIG_KEY).body(Map.of("password", "abc")).put("/api/v1/accounts/ops@" + d + "/password")
                .then().statusCode(422);

        Account a = accounts.findByLogin("ops@" + d).orElseThrow();
        byte[] body = "From: a@b.example\r\nSubject: API\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        StagedContent staged = delivery.stage(new ByteArrayInputStream(body));
        long id = delivery.deliver(a.id(), staged, null, null, null).messageId();
        delivery.release(staged);
        api(CONFIG_KEY).get("/api/v1/accounts/ops@" + d + "/messages").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].subject", equalTo("API")).body("items[0].size", equalTo(body.length));
        api(CONFIG_KEY).delete("/api/v1/accounts/ops@" + d + "/messages/" + id).then().statusCode(200)
                .body("deletedMessages", equalTo(1)).body("freedBytes", equalTo(body.length));
        api(CONFIG_KEY).delete("/api/v1/accounts/ops@" + d + "/messages/" + id).then().statusCode(404);

        api(CONFIG_KEY).body(Map.of("enabled", false)).put("/api/v1/accounts/ops@" + d)
                .then().statusCode(200).body("enabled", equalTo(false));
        api(CONFIG_KEY).get("/api/v1/accounts?domain=" + d).then().statusCode(200).body("total", equalTo(1));
        api(CONFIG_KEY).delete("/api/v1/domains/" + d).then().statusCode(200).body("accounts", equalTo(1));
        api(CONFIG_KEY).get("/api/v1/domains/" + d).then().statusCode(404).body("error", equalTo("error_notFound"));

        assertEquals(1, audit.search(new AuditFilter("api:BUZON_API_KEY", "account.quota", "ops@" + d, null, null), PageRequest.first(5)).total());
        assertEquals(1, audit.search(new AuditFilter("api:BUZON_API_KEY", "domain.delete", "domain:" + d, null, null), PageRequest.first(5)).total());
    }

    @Test
    void policiesAndRetentionOverTheApi() {
        api(CONFIG_KEY).get("/api/v1/policies/global").then().statusCode(200).body("effective.minLength", equalTo(10));
        api(CONFIG_KEY).body(Map.of("minLength", 12)).put("/api/v1/policies/global").then().statusCode(200)
                .body("effective.minLength", equalTo(12));
        api(CONFIG_KEY).body(Map.of("minLength", 200)).put("/api/v1/policies/global").then().statusCode(400);
        api(CONFIG_KEY).body(Map.of()).put("/api/v1/policies/global").then().statusCode(200).body("effective.minLength", equalTo(10));
        api(CONFIG_KEY).post("/api/v1/retention/preview").then().statusCode(200).body("messages", equalTo(0));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/accounts'.post.summary", equalTo("Create an account with its password (checked against the policy) and optional quota"));
    }
}
