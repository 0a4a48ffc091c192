package io.buzon.pop3.it;

import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A third real client: Python's poplib, over STLS and implicit TLS, with certificate and host checks on. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PythonPoplibTest {

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    @ParameterizedTest
    @ValueSource(strings = {"stls", "implicit"})
    void poplibRetrievesAndDeletes(String mode) throws Exception {
        Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed");
        Account account = mailboxes.newAccount();
        String message = TestMailboxes.message("from python", "Hello poplib\r\n.dotted\r\n");
        var delivered = mailboxes.deliver(account, message);

        Path directory = Files.createTempDirectory("poplib");
        Path script = directory.resolve("poplib_client.py");
        try (InputStream in = getClass().getResourceAsStream("/pop3/poplib_client.py")) {
            Files.copy(in, script);
        }
        Path ca = directory.resolve("ca.pem");
        Files.writeString(ca, listeners.server().certificatePem());
        int port = mode.equals("stls") ? listeners.pop3Port() : listeners.pop3sPort();
        Process process = new ProcessBuilder("python3", script.toString(), "127.0.0.1", String.valueOf(port), mode,
                account.login(), TestMailboxes.PASSWORD, ca.toString()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "poplib finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.exitValue(), output);

        var json = new io.vertx.core.json.JsonObject(output);
        assertEquals(1, json.getInteger("count"));
        assertEquals(message.length(), json.getInteger("size"));
        // poplib un-stuffs the lines; octets counts the lines plus their CRLFs as received (stuffed)
        assertEquals(message, json.getString("retr"));
        assertEquals("1 " + delivered.uidl(), json.getString("uidl").substring(4));
        assertEquals(3, json.getInteger("top_lines"));
        assertEquals("+OK Bye, 1 messages deleted", json.getString("quit"));
        assertTrue(json.getJsonArray("capabilities").contains("UIDL"));
        assertEquals(0, mailboxes.usage(account).messages());
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
