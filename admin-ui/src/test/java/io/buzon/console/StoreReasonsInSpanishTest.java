package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals that come from the store are shown in the reader's language, by their reason codes. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class StoreReasonsInSpanishTest {

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private static ConsoleClient spanishAdmin() {
        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.get("/console/lang?to=es&back=/console").then().statusCode(303);
        return c;
    }

    @Test
    void duplicatesAndPolicyViolationsInSpanish() {
        Domain d = domains.create(Actor.system("test"), unique("es"), null, null);
        accounts.create(Actor.system("test"), "ana@" + d.name(), null);
        ConsoleClient c = spanishAdmin();

        c.get("/console/domains");
        c.post("/console/domains", Map.of("name", d.name().toUpperCase(), "quotaMib", "", "quotaMessages", ""))
                .then().statusCode(409)
                .body(containsString("Ya existe un dominio con ese nombre."))
                .body(not(containsString("already exists")));
        c.post("/console/domains", Map.of("name", "no es-un dominio", "quotaMib", "", "quotaMessages", ""))
                .then().statusCode(400)
                .body(containsString("Ese nombre de dominio no es válido"))
                .body(not(containsString("is not valid")));

        c.get("/console/accounts?domain=" + d.name());
        c.post("/console/accounts", Map.of("login", "ana@" + d.name(), "displayName", "", "password",
                        "Bright-Copper-Kettles-3", "quotaMib", ""))
                .then().statusCode(409)
                .body(containsString("Ya existe una cuenta con esa dirección."))
                .body(not(containsString("already exists")));
        c.post("/console/accounts", Map.of("login", "bob@" + d.name(), "displayName", "", "password", "short",
                        "quotaMib", ""))
                .then().statusCode(400)
                .body(containsString("La contraseña no cumple la política:"))
                .body(containsString("Al menos 10 caracteres."));
        assertTrue(accounts.findByLogin("bob@" + d.name()).isEmpty());

        c.get("/console/policy?domain=" + d.name());
        c.post("/console/policy", Map.of("domain", d.name(), "minLength", "300"))
                .then().statusCode(400)
                .body(containsString("Estas reglas se contradicen: la longitud mínima debe ser al menos 1 y no superar la máxima."))
                .body(not(containsString("min-length")));
    }

    @Test
    void acceptLanguageAloneSwitchesTheText() {
        Domain d = domains.create(Actor.system("test"), unique("es-header"), null, null);
        accounts.create(Actor.system("test"), "ana@" + d.name(), null);
        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.get("/console/accounts?domain=" + d.name());
        Map<String, String> form = Map.of("login", "ana@" + d.name(), "displayName", "", "password",
                "Bright-Copper-Kettles-3", "quotaMib", "", "_csrf", c.csrf);
        c.request().header("Accept-Language", "es-ES,es;q=0.9").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).post("/console/accounts").then().statusCode(409)
                .body(containsString("Ya existe una cuenta con esa dirección."));
        c.request().header("Accept-Language", "en").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).post("/console/accounts").then().statusCode(409)
                .body(containsString("An account with that address already exists."));
        c.request().header("Accept-Language", "es").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("login", "sin-arroba", "displayName", "", "password", "Bright-Copper-Kettles-3",
                        "quotaMib", "", "_csrf", c.csrf)).post("/console/accounts").then().statusCode(400)
                .body(containsString("La dirección debe tener la forma local@dominio."));
    }

    @Test
    void appPasswordRefusalOnMeInSpanish() {
        Domain d = domains.create(Actor.system("test"), unique("es-me"), null, null);
        Account a = accounts.create(Actor.system("test"), "rosa@" + d.name(), null);
        assertTrue(passwords.setPassword(Actor.system("test"), a.id(), SelfServiceTest.FIRST).accepted());
        ConsoleClient c = SelfServiceTest.signIn(a.login(), SelfServiceTest.FIRST);
        c.get("/me/lang?to=es").then().statusCode(303);
        c.get("/me");
        c.post("/me/app-passwords", Map.of("name", "Móvil")).then().statusCode(200);
        c.post("/me/app-passwords", Map.of("name", "móvil")).then().statusCode(400)
                .body(containsString("Ya existe una contraseña de aplicación con ese nombre."));
    }

    @Test
    void theApiKeepsItsErrorKeyAndAddsTheReasonCode() {
        Domain d = domains.create(Actor.system("test"), unique("es-api"), null, null);
        given().header("Authorization", "Bearer " + TwoFactorPolicyTest.API_KEY).contentType("application/json")
                .body(Map.of("name", d.name())).post("/api/v1/domains").then().statusCode(409)
                .body("error", equalTo("error_store"))
                .body("reason", equalTo("DOMAIN_EXISTS"))
                .body("message", equalTo("domain " + d.name() + " already exists"));
        assertEquals(1, domains.list().stream().filter(x -> x.name().equals(d.name())).count());
    }
}
