package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.auth.Totp;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A TOTP code (time step) is accepted once per admin or mailbox, never again, not even within its window. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class TotpReplayTest {

    static final String USED = "That code has already been used. Wait for the next code in your authenticator app.";

    @Inject
    TestAdmins admins;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AuditLog audit;

    private static ConsoleClient adminAtTotpStep(String name, String password) {
        ConsoleClient c = new ConsoleClient();
        Response r = c.login(name, password);
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/console/login/totp"));
        c.get("/console/login/totp").then().statusCode(200);
        return c;
    }

    @Test
    void anAdminsCodeOpensOneSessionOnly() {
        String name = "replay" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "replay-admin-password", AdminRole.SUPER_ADMIN, List.of());
        ConsoleClient c = ConsoleClient.loggedIn(name, "replay-admin-password");
        String page = c.post("/console/profile/totp/start", Map.of()).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]{32})<").matcher(page);
        assertTrue(m.find());
        String secret = m.group(1);
        long step = Totp.step(Instant.now());
        c.post("/console/profile/totp/confirm", Map.of("secret", secret, "code", Totp.code(secret, step))).then().statusCode(303);

        ConsoleClient first = adminAtTotpStep(name, "replay-admin-password");
        first.post("/console/login/totp", Map.of("code", Totp.code(secret, step))).then().statusCode(401)
                .body(containsString(USED));
        first.post("/console/login/totp", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(303);
        first.get("/console/domains").then().statusCode(200);

        ConsoleClient second = adminAtTotpStep(name, "replay-admin-password");
        second.cookies.put("buzon_lang", "es");
        second.post("/console/login/totp", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(401)
                .body(containsString("Ese código ya se ha usado."));
        second.get("/console/domains").then().statusCode(303).header("Location", containsString("/console/login/totp"));
        // the enrolment's step: older than the last accepted one, and still inside the window even if the
        // clock turned a step since the test began (step - 1 would not be, then: a flaky "not valid")
        second.post("/console/login/totp", Map.of("code", Totp.code(secret, step))).then().statusCode(401)
                .body(containsString("Ese código ya se ha usado."));
        second.post("/console/login/totp", Map.of("code", "abcdef")).then().statusCode(401)
                .body(containsString("Ese código no es válido."));
        assertEquals(3, audit.search(new AuditFilter(name, "console.login.totpFailed", "admin:" + name, null, null),
                PageRequest.first(10)).items().stream().filter(e -> "code already used".equals(e.detail())).count());

        // Turning TOTP off needs a fresh code too.
        first.get("/console/profile");
        first.post("/console/profile/totp/disable", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(400)
                .body(containsString(USED));
        assertTrue(admins.findByUsername(name).orElseThrow().hasTotp());
    }

    @Test
    void aMailboxCodeOpensOneSessionOnly() {
        String domain = "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account a = accounts.create(Actor.system("test"), "lucia@" + domain, null);
        assertTrue(passwords.setPassword(Actor.system("test"), a.id(), SelfServiceTest.FIRST).accepted());
        String secret = twoFactor.newSecret();
        long step = Totp.step(Instant.now());
        assertTrue(twoFactor.enable(Actor.system("test"), a.id(), secret, Totp.code(secret, step)));

        ConsoleClient first = SelfServiceTest.signIn(a.login(), SelfServiceTest.FIRST);
        first.get("/me/login/totp").then().statusCode(200);
        first.post("/me/login/totp", Map.of("code", Totp.code(secret, step))).then().statusCode(401)
                .body(containsString(USED));
        first.post("/me/login/totp", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(303);
        first.get("/me").then().statusCode(200).body(containsString(a.login()));

        ConsoleClient second = SelfServiceTest.signIn(a.login(), SelfServiceTest.FIRST);
        second.get("/me/login/totp").then().statusCode(200);
        second.post("/me/login/totp", Map.of("code", Totp.code(secret, step + 1))).then().statusCode(401)
                .body(containsString(USED));
        second.get("/me").then().statusCode(303).header("Location", containsString("/me/login/totp"));
        assertEquals(TwoFactorService.CodeCheck.REPLAYED, twoFactor.check(a.id(), Totp.code(secret, step + 1)));
        assertEquals(TwoFactorService.CodeCheck.WRONG, twoFactor.check(a.id(), "12345"));
    }
}
