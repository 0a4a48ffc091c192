package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.auth.AuthCredential;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthService;
import io.buzon.store.auth.Totp;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SelfServiceTest {

    static final String FIRST = "Quiet-Meadow-Lantern-5";

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    @Inject
    AuthService auth;

    @Inject
    AuditLog audit;

    Account mailbox() {
        String domain = "self-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account a = accounts.create(Actor.system("test"), "rosa@" + domain, null);
        assertTrue(passwords.setPassword(Actor.system("test"), a.id(), FIRST).accepted());
        return a;
    }

    static ConsoleClient signIn(String login, String password) {
        ConsoleClient c = new ConsoleClient();
        c.get("/me/login").then().statusCode(200);
        Response r = c.post("/me/login", Map.of("login", login, "password", password));
        assertEquals(303, r.statusCode(), r.asString());
        return c;
    }

    @Test
    void mailboxUserChangesPasswordUnderThePolicy() {
        Account a = mailbox();
        ConsoleClient c = signIn(a.login(), FIRST);
        c.get("/me").then().statusCode(200).body(containsString(a.login()));
        c.post("/me/password", Map.of("current", FIRST, "password", "short", "confirm", "short"))
                .then().statusCode(400).body(containsString("At least 10 characters."));
        c.post("/me/password", Map.of("current", FIRST, "password", FIRST, "confirm", FIRST))
                .then().statusCode(400).body(containsString("Used recently"));
        c.post("/me/password", Map.of("current", "wrong-one", "password", "Bright-Copper-Kettles-3", "confirm", "Bright-Copper-Kettles-3"))
                .then().statusCode(400).body(containsString("The current password is not correct."));
        c.post("/me/password", Map.of("current", FIRST, "password", "Bright-Copper-Kettles-3", "confirm", "Bright-Copper-Kettles-3"))
                .then().statusCode(303);
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate(a.login(), "Bright-Copper-Kettles-3", "pop3", null).outcome());
        assertEquals(AuthOutcome.INVALID, auth.authenticate(a.login(), FIRST, "pop3", null).outcome());
        assertEquals(1, audit.search(new AuditFilter(a.login(), "selfservice.password.change", a.login(), null, null), PageRequest.first(5)).total());
    }

    @Test
    void wrongPasswordIsRefusedWithOneMessageForUnknownAndKnownUsers() {
        Account a = mailbox();
        ConsoleClient c = new ConsoleClient();
        c.get("/me/login");
        c.post("/me/login", Map.of("login", a.login(), "password", "nope")).then().statusCode(401)
                .body(containsString("Wrong e-mail address or password."));
        c.post("/me/login", Map.of("login", "ghost@nowhere.test", "password", "nope")).then().statusCode(401)
                .body(containsString("Wrong e-mail address or password."));
        c.get("/me").then().statusCode(303);
        c.postWithoutCsrf("/me/login", Map.of("login", a.login(), "password", FIRST)).then().statusCode(403);
    }

    @Test
    void totpThenAppPasswordsAreTheOnlyWayIntoPop3() {
        Account a = mailbox();
        ConsoleClient c = signIn(a.login(), FIRST);
        c.get("/me");
        String page = c.post("/me/totp/start", Map.of()).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7=]+)<").matcher(page);
        assertTrue(m.find(), "enrolment shows the secret");
        String secret = m.group(1);
        c.post("/me/totp/confirm", Map.of("secret", secret, "code", "000000")).then().statusCode(400);
        c.post("/me/totp/confirm", Map.of("secret", secret, "code", Totp.code(secret, Totp.step(Instant.now())))).then().statusCode(303);

        assertEquals(AuthOutcome.TWO_FACTOR_REQUIRED, auth.authenticate(a.login(), FIRST, "pop3", null).outcome(),
                "with two-factor on, the main password no longer opens POP3");

        String created = c.post("/me/app-passwords", Map.of("name", "Thunderbird")).then().statusCode(200).extract().asString();
        Matcher app = Pattern.compile("id=\"new-app-password\">([a-z ]+)<").matcher(created);
        assertTrue(app.find(), created);
        var result = auth.authenticate(a.login(), app.group(1), "pop3", "192.0.2.7");
        assertEquals(AuthOutcome.SUCCESS, result.outcome());
        assertEquals(AuthCredential.APP_PASSWORD, result.credential());
        c.get("/me").then().statusCode(200).body(containsString("Thunderbird")).body(containsString("192.0.2.7"));

        // signing in to the page now needs the second factor
        ConsoleClient again = signIn(a.login(), FIRST);
        again.get("/me").then().statusCode(303).header("Location", containsString("/me/login/totp"));
        again.get("/me/login/totp");
        again.post("/me/login/totp", Map.of("code", "123456")).then().statusCode(401);
        long nextStep = Totp.step(Instant.now()) + 1;
        again.post("/me/login/totp", Map.of("code", Totp.code(secret, nextStep))).then().statusCode(303);
        again.get("/me").then().statusCode(200);

        String list = again.get("/me").asString();
        Matcher revoke = Pattern.compile("action=\"(/me/app-passwords/\\d+/revoke)\"").matcher(list);
        assertTrue(revoke.find());
        again.post(revoke.group(1), Map.of()).then().statusCode(303);
        assertEquals(AuthOutcome.INVALID, auth.authenticate(a.login(), app.group(1), "pop3", null).outcome());
        assertEquals(1, audit.search(new AuditFilter(a.login(), "selfservice.apppassword.revoke", a.login(), null, null), PageRequest.first(5)).total());
    }
}
