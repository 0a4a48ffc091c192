package io.buzon.app;

import io.buzon.console.ConsoleClient;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.admin.AdminService;
import io.buzon.store.auth.Totp;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.PageRequest;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar quarkus-run.jar admin reset-password|reset-totp NAME}: the way back into the console when
 * the last admin's password or authenticator is lost. The old password and sessions stop working.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AdminCommandTest {

    @Inject
    AdminService admins;

    @Inject
    TestAdmins testAdmins;

    @Inject
    AuditLog audit;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        AdminCommand command = new AdminCommand();
        command.admins = admins;
        out.reset();
        err.reset();
        return command.run(List.of(args), stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void resetPasswordTakesTheNewOneFromStandardInputAndEndsTheOldSessions() throws Exception {
        String name = "lost" + UUID.randomUUID().toString().substring(0, 6);
        testAdmins.create(name, "Forgotten-Pass-Phrase-41", AdminRole.SUPER_ADMIN, List.of());
        ConsoleClient before = ConsoleClient.loggedIn(name, "Forgotten-Pass-Phrase-41");

        assertEquals(0, run("Recovered-Pass-Phrase-42\n", "admin", "reset-password", name), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Password of console admin '" + name + "' changed"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Recovered-Pass-Phrase-42"), "never echoed");

        before.get("/console/domains").then().statusCode(303);
        assertEquals(401, new ConsoleClient().login(name, "Forgotten-Pass-Phrase-41").statusCode());
        ConsoleClient.loggedIn(name, "Recovered-Pass-Phrase-42").get("/console/domains").then().statusCode(200);
        assertEquals(1, audit.search(new AuditFilter("cli", "admin.password.reset", "admin:" + name, null, null),
                PageRequest.first(5)).total());
    }

    @Test
    void withoutStandardInputAStrongPasswordIsGeneratedAndShownOnce() throws Exception {
        String name = "gen" + UUID.randomUUID().toString().substring(0, 6);
        testAdmins.create(name, "Forgotten-Pass-Phrase-43", AdminRole.DOMAIN_ADMIN, List.of());
        assertEquals(0, run(null, "admin", "reset-password", name), err.toString());
        Matcher m = Pattern.compile("New password of console admin '" + name + "': (\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), out.toString(StandardCharsets.UTF_8));
        assertEquals(303, new ConsoleClient().login(name, m.group(1)).statusCode());
    }

    @Test
    void resetTotpLetsTheAdminSignInWithThePasswordAlone() throws Exception {
        String name = "phone" + UUID.randomUUID().toString().substring(0, 6);
        testAdmins.create(name, "Lost-Phone-Pass-Phrase-44", AdminRole.SUPER_ADMIN, List.of());
        ConsoleClient c = ConsoleClient.loggedIn(name, "Lost-Phone-Pass-Phrase-44");
        String page = c.post("/console/profile/totp/start", Map.of()).then().statusCode(200).extract().asString();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]{32})<").matcher(page);
        assertTrue(secret.find());
        c.post("/console/profile/totp/confirm", Map.of("code", Totp.code(secret.group(1), Totp.step(java.time.Instant.now()))))
                .then().statusCode(303);
        assertTrue(new ConsoleClient().login(name, "Lost-Phone-Pass-Phrase-44").header("Location").endsWith("/console/login/totp"));

        assertEquals(0, run(null, "admin", "reset-totp", name), err.toString());
        assertFalse(admins.findByUsername(name).orElseThrow().hasTotp());
        assertTrue(new ConsoleClient().login(name, "Lost-Phone-Pass-Phrase-44").header("Location").endsWith("/console"));
    }

    @Test
    void unknownAdminsUsageErrorsAndRefusedPasswordsHaveTheirOwnExitCodes() throws Exception {
        assertEquals(1, run("Whatever-Pass-Phrase-45\n", "admin", "reset-password", "nobody-" + UUID.randomUUID()));
        assertEquals(2, run(null, "admin", "reset-password"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: admin reset-password NAME"));
        assertEquals(2, run(null, "admin", "delete-everything", "admin"));
        String name = "weak" + UUID.randomUUID().toString().substring(0, 6);
        testAdmins.create(name, "Strong-Pass-Phrase-46", AdminRole.SUPER_ADMIN, List.of());
        assertEquals(3, run("password1234\n", "admin", "reset-password", name));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("The password policy refuses that password"));
    }
}
