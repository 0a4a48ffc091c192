package io.buzon.console;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A browser-like REST Assured client: keeps cookies and reads the CSRF token from each page it gets. */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public final Map<String, String> cookies = new HashMap<>();
    public String csrf;

    public static ConsoleClient loggedIn(String username, String password) {
        ConsoleClient c = new ConsoleClient();
        Response r = c.login(username, password);
        assertEquals(303, r.statusCode(), "login of " + username + " should redirect: " + r.asString());
        c.get("/console/profile");
        return c;
    }

    public Response login(String username, String password) {
        get("/console/login");
        return post("/console/login", Map.of("username", username, "password", password));
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public Response get(String path) {
        Response r = request().get(path);
        absorb(r);
        return r;
    }

    public Response post(String path, Map<String, ?> form) {
        Map<String, Object> fields = new HashMap<>(form);
        assertNotNull(csrf, "no CSRF token seen yet");
        fields.putIfAbsent("_csrf", csrf);
        Response r = request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(fields).post(path);
        absorb(r);
        return r;
    }

    public Response postWithoutCsrf(String path, Map<String, ?> form) {
        Response r = request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post(path);
        absorb(r);
        return r;
    }

    private void absorb(Response r) {
        r.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        String contentType = r.contentType();
        if (contentType != null && contentType.startsWith("text/html")) {
            Matcher m = CSRF.matcher(r.asString());
            if (m.find()) {
                csrf = m.group(1);
            }
        }
    }
}
