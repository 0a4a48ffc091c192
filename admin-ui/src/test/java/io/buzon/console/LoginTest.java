package io.buzon.console;

import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LoginTest {

    static final String ADMIN_PASSWORD = "bootstrap-Secret-2026";

    @Test
    void withoutSessionEveryPageRedirectsToLogin() {
        given().redirects().follow(false).get("/console/profile")
                .then().statusCode(303).header("Location", containsString("/console/login?next=%2Fconsole%2Fprofile"));
    }

    @Test
    void bootstrapAdminLogsInAndGetsAStrictHttpOnlySessionCookie() {
        ConsoleClient c = new ConsoleClient();
        c.get("/console/login").then().statusCode(200).body(containsString("name=\"username\""));
        Response r = c.post("/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/console"), r.header("Location"));
        Cookie session = r.getDetailedCookie("buzon_console");
        assertNotNull(session);
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertEquals(43, session.getValue().length(), "32 random bytes, base64url");
        c.get("/console/profile").then().statusCode(200).body(containsString("admin"));
    }

    @Test
    void wrongPasswordShowsTheMessageOnTheLoginPage() {
        ConsoleClient c = new ConsoleClient();
        Response r = c.login("admin", "not-the-password");
        assertEquals(401, r.statusCode());
        assertTrue(r.asString().contains("Wrong user name or password."));
        Response unknown = c.login("nobody-here", "not-the-password");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.asString().contains("Wrong user name or password."), "same text for unknown users");
    }

    @Test
    void loginWithoutCsrfTokenIsRejected() {
        ConsoleClient c = new ConsoleClient();
        c.get("/console/login");
        c.postWithoutCsrf("/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .then().statusCode(403);
        c.postWithoutCsrf("/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", "forged"))
                .then().statusCode(403);
    }

    @Test
    void spanishFromAcceptLanguageAndFromTheSwitch() {
        given().header("Accept-Language", "es-ES,es;q=0.9").get("/console/login")
                .then().statusCode(200).body(containsString("Entrar en Buzón"));
        given().redirects().follow(false).get("/console/lang?to=es&back=/console/login")
                .then().statusCode(303).cookie("buzon_lang", "es");
        given().cookie("buzon_lang", "es").header("Accept-Language", "en").get("/console/login")
                .then().statusCode(200).body(containsString("Entrar en Buzón"));
    }
}
