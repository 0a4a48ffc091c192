package io.buzon.deploy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin console of one instance as a browser uses it: cookies kept, forms posted with their CSRF token. */
final class Console {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;

    private Console(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** Logs in as the bootstrap admin (no TOTP) through the login form. */
    static Console logIn(ApplicationProcess instance, String adminPassword) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Console console = new Console(http, "http://127.0.0.1:" + instance.httpPort);
        String form = console.get("/console/login");
        HttpResponse<String> loggedIn = console.post("/console/login", csrfOf(form),
                "username", "admin", "password", adminPassword, "next", "/console/sessions");
        assertEquals(303, loggedIn.statusCode(), loggedIn.body());
        return console;
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no _csrf field in:\n" + html);
        }
        return m.group(1);
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** A form post: the CSRF token, then name/value pairs. */
    HttpResponse<String> post(String path, String csrf, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
