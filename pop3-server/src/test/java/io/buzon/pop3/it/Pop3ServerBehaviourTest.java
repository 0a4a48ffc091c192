package io.buzon.pop3.it;

import io.buzon.store.Actor;
import io.buzon.pop3.net.NetworkRanges;
import io.buzon.pop3.net.SelfSignedCertificate;
import io.buzon.pop3.net.TlsCertificates;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.pop3.server.Pop3ServerOptions;
import io.buzon.pop3.store.Pop3Credentials;
import io.buzon.pop3.store.StoreMailboxBackend;
import io.buzon.store.account.Account;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.retention.LoginDelayGate;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listener behaviour: replicas, limits, timeouts, PROXY, certificate reload, shutdown, back-pressure. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class Pop3ServerBehaviourTest {

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    @Inject
    Vertx vertx;

    @Inject
    StoreMailboxBackend backend;

    @Inject
    MaildropService maildrops;

    @Inject
    MaildropLockService locks;

    @Inject
    Pop3Credentials credentials;

    @Inject
    LoginDelayGate loginDelay;

    @Inject
    DataSource dataSource;

    private RawPop3 loginOnMain(Account account) throws IOException {
        RawPop3 pop = RawPop3.plain(listeners.pop3Port());
        pop.readLine();
        pop.command("STLS");
        pop.startTls(TestTls.socketFactory(listeners.server().certificatePem()));
        pop.command("USER " + account.login());
        return pop;
    }

    private static String login(RawPop3 pop, Account account) throws IOException {
        pop.command("USER " + account.login());
        return pop.command("PASS " + TestMailboxes.PASSWORD);
    }

    @Test
    void lockHoldsAcrossTwoServerInstancesOnOneDatabase() throws Exception {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("r", "replica\r\n"));
        // A second replica: its own lock service instance id, its own listeners, the same PostgreSQL.
        StoreMailboxBackend replicaBackend = new StoreMailboxBackend(maildrops,
                new MaildropLockService(dataSource, Duration.ofSeconds(120), Duration.ofSeconds(120), "replica-b"), credentials, loginDelay);
        try (ExtraServer replica = new ExtraServer(vertx, Pop3ServerOptions.loopback(), replicaBackend);
             RawPop3 first = loginOnMain(account)) {
            assertTrue(first.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK Logged in, 1 messages"));
            try (RawPop3 second = replica.stls()) {
                assertEquals("-ERR [IN-USE] Maildrop is in use by another session\r\n", login(second, account));
                assertEquals(1.0, replica.counter("buzon.pop3.lock.refusals"));
                assertEquals("+OK Bye, 0 messages deleted\r\n", first.command("QUIT"));
                assertTrue(login(second, account).startsWith("+OK Logged in, 1 messages"));
                // and now the first server is refused
                try (RawPop3 third = loginOnMain(account)) {
                    assertEquals("-ERR [IN-USE] Maildrop is in use by another session\r\n",
                            third.command("PASS " + TestMailboxes.PASSWORD));
                }
            }
        }
    }

    @Test
    void sessionsSpreadOverTheEventLoopsAndEachGetsExactlyItsOwnMessage() throws Exception {
        int sessions = 4;
        List<Account> accounts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Account account = mailboxes.newAccount();
            StringBuilder body = new StringBuilder();
            for (int line = 0; body.length() < 150_000; line++) {
                body.append(line % 7 == 0 ? "." : "").append("session ").append(i).append(" line ").append(line).append("\r\n");
            }
            String message = TestMailboxes.message("loop " + i, body.toString());
            mailboxes.deliver(account, message);
            accounts.add(account);
            messages.add(message);
        }
        List<RawPop3> pops = new ArrayList<>();
        try (ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback().withEventLoops(2), backend)) {
            try {
                for (Account account : accounts) {
                    RawPop3 pop = server.stls();
                    pops.add(pop);
                    assertTrue(login(pop, account).startsWith("+OK Logged in, 1 messages"));
                }
                assertEquals(2, server.server.eventLoopsServing(), "connections are spread over both loops");
                // every session asks before any reads: the loops stream four messages at once
                for (RawPop3 pop : pops) {
                    pop.write("RETR 1\r\n");
                }
                for (int i = 0; i < sessions; i++) {
                    String message = messages.get(i);
                    assertEquals("+OK " + message.length() + " octets\r\n" + message.replace("\r\n.", "\r\n..") + ".\r\n",
                            pops.get(i).readMultiLine());
                    assertEquals("+OK Bye, 0 messages deleted\r\n", pops.get(i).command("QUIT"));
                }
            } finally {
                for (RawPop3 pop : pops) {
                    pop.close();
                }
            }
        }
        for (Account account : accounts) {
            assertEquals(1, firstRetrievalsRecorded(account), "the retrieval was recorded at QUIT");
        }
    }

    private int firstRetrievalsRecorded(Account account) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "select count(*) from message where account_id = ? and first_retrieved_at is not null")) {
            statement.setLong(1, account.id());
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void consoleTerminationEndsTheSessionWithoutDeleting() throws Exception {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("t", "terminate\r\n"));
        try (RawPop3 pop = loginOnMain(account)) {
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK"));
            assertEquals("+OK Message 1 marked for deletion\r\n", pop.command("DELE 1"));
            assertTrue(locks.requestTermination(Actor.system("test"), account.id()));
            // lease-heartbeat-interval is 1s in the test configuration
            assertEquals("-ERR [SYS/TEMP] Session ended by an administrator\r\n", pop.readLine());
            assertTrue(pop.closedByServer());
        }
        assertEquals(1, mailboxes.usage(account).messages());
    }

    @Test
    void theConsoleSessionListShowsTheOctetsEachSessionSent() throws Exception {
        Account account = mailboxes.newAccount();
        String message = TestMailboxes.message("traffic", "counted\r\n");
        mailboxes.deliver(account, message);
        try (RawPop3 pop = loginOnMain(account)) {
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK"));
            // lease-heartbeat-interval is 1s in the test configuration: wait for a first figure to settle
            long before = await().atMost(Duration.ofSeconds(10)).until(() -> bytesSentBy(account), sent -> sent > 0);
            pop.write("RETR 1\r\n");
            String retr = pop.readMultiLine();
            assertEquals("+OK " + message.length() + " octets\r\n" + message + ".\r\n", retr);
            long expected = before + retr.getBytes(StandardCharsets.UTF_8).length;
            await().atMost(Duration.ofSeconds(10)).until(() -> bytesSentBy(account) == expected);
        }
    }

    @Test
    void theLeaseHeartbeatStoresOnlyOctetCountsThatChanged() throws Exception {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("quiet", "nothing more\r\n"));
        try (RawPop3 pop = loginOnMain(account)) {
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK"));
            long stored = await().atMost(Duration.ofSeconds(10)).until(() -> bytesSentBy(account), sent -> sent > 0);
            // A figure the server did not write: while the session sends nothing, heartbeats (1 s in the
            // test configuration) leave the row alone instead of writing every session's count again.
            try (var connection = dataSource.getConnection();
                 var statement = connection.prepareStatement("update maildrop_lease set bytes_sent = 7 where account_id = ?")) {
                statement.setLong(1, account.id());
                assertEquals(1, statement.executeUpdate());
            }
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> bytesSentBy(account) == 7);
            // once the count changes, the next heartbeat stores the session's own figure
            assertEquals("+OK\r\n", pop.command("NOOP"));
            await().atMost(Duration.ofSeconds(10)).until(() -> bytesSentBy(account) == stored + "+OK\r\n".length());
        }
    }

    private long bytesSentBy(Account account) {
        return locks.listActive().stream().filter(session -> session.accountId() == account.id())
                .mapToLong(session -> session.bytesSent()).findFirst().orElse(-1);
    }

    @Test
    void idleTimeoutClosesSilentlyAndDeletesNothing() throws Exception {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("i", "idle\r\n"));
        try (ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback().withIdleTimeout(Duration.ofMillis(1500)), backend);
             RawPop3 pop = server.stls()) {
            assertTrue(login(pop, account).startsWith("+OK"));
            assertEquals("+OK Message 1 marked for deletion\r\n", pop.command("DELE 1"));
            long started = System.nanoTime();
            assertEquals("", pop.readLine());
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(1000).toNanos());
        }
        assertEquals(1, mailboxes.usage(account).messages());
    }

    @Test
    void connectionLimitsGlobalAndPerAddress() throws Exception {
        // Connections are accepted on several event loops at once: which one is over the limit is not
        // fixed, how many are is.
        String ready = "+OK Buzon POP3 server ready\r\n";
        try (ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback().withLimits(10, 2), backend);
             RawPop3 one = RawPop3.plain(server.server.plainPort());
             RawPop3 two = RawPop3.plain(server.server.plainPort());
             RawPop3 three = RawPop3.plain(server.server.plainPort())) {
            List<RawPop3> refused = greetings(List.of(one, two, three), ready,
                    "-ERR [SYS/TEMP] Too many connections from your address\r\n");
            assertEquals(1, refused.size());
            assertTrue(refused.get(0).closedByServer());
        }
        try (ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback().withLimits(1, 5), backend);
             RawPop3 one = RawPop3.plain(server.server.plainPort());
             RawPop3 two = RawPop3.plain(server.server.plainPort())) {
            List<RawPop3> refused = greetings(List.of(one, two), ready,
                    "-ERR [SYS/TEMP] Too many connections, try again later\r\n");
            assertEquals(1, refused.size());
            assertTrue(refused.get(0).closedByServer());
        }
    }

    /** Reads each connection's first line: the greeting, or the refusal (returned); anything else fails. */
    private static List<RawPop3> greetings(List<RawPop3> connections, String greeting, String refusal) throws IOException {
        List<RawPop3> refused = new ArrayList<>();
        for (RawPop3 connection : connections) {
            String line = connection.readLine();
            if (line.equals(refusal)) {
                refused.add(connection);
            } else {
                assertEquals(greeting, line);
            }
        }
        return refused;
    }

    @Test
    void proxyProtocolFromTrustedPeerCarriesTheClientAddress() throws Exception {
        Account account = mailboxes.newAccount();
        try (ExtraServer server = new ExtraServer(vertx,
                Pop3ServerOptions.loopback().withProxyProtocol(NetworkRanges.parse(List.of("127.0.0.0/8"))), backend);
             RawPop3 pop = RawPop3.plain(server.server.plainPort())) {
            pop.write("PROXY TCP4 203.0.113.7 127.0.0.1 40000 110\r\n");
            assertEquals("+OK Buzon POP3 server ready\r\n", pop.readLine());
            pop.command("STLS");
            pop.startTls(server.tls());
            assertTrue(login(pop, account).startsWith("+OK"));
            assertTrue(locks.listActive().stream().anyMatch(session ->
                    session.accountId() == account.id() && "203.0.113.7".equals(session.remoteAddress())),
                    locks.listActive().toString());
        }
        // PROXY v2 (binary) from a trusted peer
        try (ExtraServer server = new ExtraServer(vertx,
                Pop3ServerOptions.loopback().withProxyProtocol(NetworkRanges.parse(List.of("127.0.0.1"))), backend);
             RawPop3 pop = RawPop3.plain(server.server.plainPort())) {
            pop.write(proxyV2(new byte[] {(byte) 198, 51, 100, 9}, new byte[] {127, 0, 0, 1}, 40001, 110));
            assertEquals("+OK Buzon POP3 server ready\r\n", pop.readLine());
        }
        // a peer outside the trusted networks is disconnected
        try (ExtraServer server = new ExtraServer(vertx,
                Pop3ServerOptions.loopback().withProxyProtocol(NetworkRanges.parse(List.of("10.0.0.0/8"))), backend);
             RawPop3 pop = RawPop3.plain(server.server.plainPort())) {
            pop.write("PROXY TCP4 203.0.113.7 127.0.0.1 40000 110\r\n");
            assertEquals("", pop.readLine());
        }
    }

    private static byte[] proxyV2(byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16 + 12);
        header.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        header.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        header.put(source).put(destination).putShort((short) sourcePort).putShort((short) destinationPort);
        return header.array();
    }

    @Test
    void certificateFilesAreReloadedWhenTheyChange() throws Exception {
        Path directory = Files.createTempDirectory("buzon-tls");
        Path cert = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        var first = SelfSignedCertificate.generate("localhost");
        Files.writeString(cert, first.certificatePem());
        Files.writeString(key, first.privateKeyPem());
        TlsCertificates certificates = TlsCertificates.from(java.util.Optional.of(cert.toString()),
                java.util.Optional.of(key.toString()), "localhost");
        try (ExtraServer server = new ExtraServer(vertx,
                Pop3ServerOptions.loopback().withTlsReloadInterval(Duration.ofMillis(100)), backend, certificates)) {
            assertEquals(first.certificatePem(), servedCertificate(server.server.tlsPort(), first.certificatePem()));
            var second = SelfSignedCertificate.generate("localhost");
            Files.writeString(key, second.privateKeyPem());
            Files.writeString(cert, second.certificatePem());
            Instant later = Instant.now().plusSeconds(5);
            Files.setLastModifiedTime(cert, FileTime.from(later));
            Files.setLastModifiedTime(key, FileTime.from(later));
            // Until the reload, handshakes present the old certificate, which the client no longer trusts.
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                    assertEquals(second.certificatePem(), servedCertificate(server.server.tlsPort(), second.certificatePem())));
            // STLS on the plain listener serves the new certificate too
            try (RawPop3 pop = RawPop3.plain(server.server.plainPort())) {
                pop.readLine();
                pop.command("STLS");
                pop.startTls(TestTls.socketFactory(second.certificatePem()));
                assertEquals("-ERR Send USER first\r\n", pop.command("PASS x"));
            }
        }
    }

    private static String servedCertificate(int port, String trusted) throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.socketFactory(trusted).createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(socket.getSession().getProtocol()));
            var encoded = socket.getSession().getPeerCertificates()[0].getEncoded();
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
                    + "\n-----END CERTIFICATE-----\n";
        }
    }

    @Test
    void oldTlsVersionsAreRefused() throws Exception {
        javax.net.ssl.SSLSocketFactory factory = TestTls.socketFactory(listeners.server().certificatePem());
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", listeners.pop3sPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            socket.setSoTimeout(10_000);
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, socket::startHandshake);
        }
    }

    @Test
    void gracefulShutdownRefusesNewSessionsAndEndsLateOnesWithoutDeleting() throws Exception {
        Account quitter = mailboxes.newAccount();
        Account lingerer = mailboxes.newAccount();
        mailboxes.deliver(quitter, TestMailboxes.message("q", "quit during grace\r\n"));
        mailboxes.deliver(lingerer, TestMailboxes.message("l", "linger\r\n"));
        ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback().withShutdownGrace(Duration.ofSeconds(2)), backend);
        try (RawPop3 quitting = server.stls(); RawPop3 lingering = server.stls()) {
            assertTrue(login(quitting, quitter).startsWith("+OK"));
            assertTrue(login(lingering, lingerer).startsWith("+OK"));
            quitting.command("DELE 1");
            lingering.command("DELE 1");
            var stopped = server.server.stop().toCompletionStage().toCompletableFuture();
            try (RawPop3 late = RawPop3.plain(server.server.plainPort())) {
                assertEquals("-ERR [SYS/TEMP] Server shutting down\r\n", late.readLine());
            }
            assertEquals("+OK Bye, 1 messages deleted\r\n", quitting.command("QUIT"));
            assertEquals("-ERR [SYS/TEMP] Server shutting down\r\n", lingering.readLine());
            stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(0, mailboxes.usage(quitter).messages());
        assertEquals(1, mailboxes.usage(lingerer).messages());
    }

    @Test
    void aClientThatDoesNotReadCannotGrowServerMemory() throws Exception {
        Account account = mailboxes.newAccount();
        StringBuilder body = new StringBuilder();
        String line = "x".repeat(98) + "\r\n";
        while (body.length() < 1_000_000) {
            body.append(line);
        }
        String message = TestMailboxes.message("big", body.toString());
        mailboxes.deliver(account, message);
        int retrievals = 40;
        try (ExtraServer server = new ExtraServer(vertx, Pop3ServerOptions.loopback(), backend);
             RawPop3 pop = server.stls()) {
            assertTrue(login(pop, account).startsWith("+OK"));
            pop.write("RETR 1\r\n".repeat(retrievals));
            // The client reads nothing: the server may only have handed over what the socket buffers hold.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
            double handedOver = server.counter("buzon.pop3.bytes.sent", "listener", "pop3");
            long everything = (long) retrievals * message.length();
            assertTrue(handedOver < everything / 4.0, "handed over " + handedOver + " of " + everything);
            for (int i = 0; i < retrievals; i++) {
                String response = pop.readMultiLine();
                assertEquals(message.length() + ("+OK " + message.length() + " octets\r\n").length() + 3, response.length());
            }
            assertNotEquals(0, server.counter("buzon.pop3.commands", "verb", "RETR"));
        }
    }
}
