package io.buzon.ops;

import io.buzon.lmtp.LmtpServer;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check reports the ports the listeners really bound, and they really answer there. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ListenersReadinessTest {

    @Inject
    Pop3Listeners pop3;

    @Inject
    LmtpServer lmtp;

    @Test
    void readinessListsEveryBoundListenerAndEachGreetsOnItsPort() throws IOException {
        int pop3Port = pop3.pop3Port();
        int lmtpPort = lmtp.port();
        assertTrue(pop3Port > 0 && pop3.pop3sPort() > 0 && lmtpPort > 0, "test ports are random, never the defaults");
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'listeners' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'listeners' }.data.pop3", equalTo(pop3Port))
                .body("checks.find { it.name == 'listeners' }.data.pop3s", equalTo(pop3.pop3sPort()))
                .body("checks.find { it.name == 'listeners' }.data.lmtp", equalTo(lmtpPort));
        assertTrue(greeting(pop3Port).startsWith("+OK "), "POP3 greeting");
        assertTrue(greeting(lmtpPort).startsWith("220 "), "LMTP greeting");
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
