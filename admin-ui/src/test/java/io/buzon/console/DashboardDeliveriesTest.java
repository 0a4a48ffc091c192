package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.lmtp.LmtpServer;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.stats.DeliveryCount;
import io.buzon.store.stats.DeliveryStats;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages delivered over LMTP (a real socket) show up, exactly, on the dashboard once flushed. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DashboardDeliveriesTest {

    private static final Pattern DELIVERED = Pattern.compile("id=\"stat-delivered\">(\\d+)<");

    @Inject
    LmtpServer lmtp;

    @Inject
    DeliveryStats stats;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    TestAdmins admins;

    private static long shown(ConsoleClient c) {
        String page = c.get("/console").then().statusCode(200).extract().asString();
        Matcher m = DELIVERED.matcher(page);
        assertTrue(m.find(), "the dashboard shows messages delivered");
        return Long.parseLong(m.group(1));
    }

    @Test
    void deliveredMessagesAreCountedOnTheDashboard() throws IOException {
        String domain = "dash-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account ana = accounts.create(Actor.system("test"), "ana@" + domain, null);
        Account bea = accounts.create(Actor.system("test"), "bea@" + domain, null);
        Account cruz = accounts.create(Actor.system("test"), "cruz@" + domain, null);

        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        stats.flush();
        long before = shown(c);
        assertEquals(table(), before, "the figure is the table's sum over 24 hours");

        lmtpTransaction(List.of(ana.login(), bea.login(), cruz.login(), "nobody@" + domain));
        lmtpTransaction(List.of(ana.login(), bea.login()));
        assertEquals(5, stats.pending(), "three plus two recipients accepted; the unknown one is not a delivery");
        assertEquals(before, shown(c), "nothing is written before the flush");
        assertEquals(5, stats.flush());
        assertEquals(before + 5, shown(c));
        assertEquals(before + 5, table());
        c.get("/console/lang?to=es&back=/console");
        c.get("/console").then().body(containsString("Mensajes entregados, últimas 24 horas"));

        // The counter is installation-wide, so a domain admin does not see it.
        String name = "dash" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "dashboard-admin-pass", AdminRole.DOMAIN_ADMIN, List.of(domain));
        ConsoleClient.loggedIn(name, "dashboard-admin-pass").get("/console").then().statusCode(200)
                .body(not(containsString("stat-delivered")));
    }

    private long table() {
        return stats.last24Hours().stream().mapToLong(DeliveryCount::count).sum();
    }

    /** One LMTP transaction with a unique message; asserts the per-recipient replies. */
    private void lmtpTransaction(List<String> recipients) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", lmtp.port())) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220 "));
            send(out, "LHLO test.example");
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
            send(out, "MAIL FROM:<sender@remote.test>");
            assertTrue(in.readLine().startsWith("250 "));
            int accepted = 0;
            for (String r : recipients) {
                send(out, "RCPT TO:<" + r + ">");
                String reply = in.readLine();
                if (reply.startsWith("250 ")) {
                    accepted++;
                } else {
                    assertTrue(reply.startsWith("550 "), reply);
                }
            }
            send(out, "DATA");
            assertTrue(in.readLine().startsWith("354 "));
            send(out, "Message-ID: <" + UUID.randomUUID() + "@remote.test>\r\nSubject: counted\r\n\r\nhello\r\n.");
            for (int i = 0; i < accepted; i++) {
                String reply = in.readLine();
                assertTrue(reply.startsWith("250 "), reply);
            }
            send(out, "QUIT");
            assertTrue(in.readLine().startsWith("221 "));
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
