package io.buzon.pop3.it;

import io.buzon.pop3.net.TlsEngine;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.pop3.server.Pop3Server;
import io.buzon.pop3.server.Pop3ServerOptions;
import io.buzon.pop3.server.TlsDetails;
import io.buzon.pop3.store.StoreMailboxBackend;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.netty.handler.ssl.OpenSsl;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which TLS engine really serves: the connection's Netty pipeline is read back while a client holds it,
 * and its negotiated session must be the one the client sees.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class TlsEngineTest {

    private static final String OPENSSL_ENGINE = "io.netty.handler.ssl.OpenSslEngine";

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    @Inject
    Vertx vertx;

    @Inject
    StoreMailboxBackend backend;

    @Test
    void opensslIsTheDefaultEngineForImplicitTls() throws Exception {
        assertTrue(OpenSsl.isAvailable(), "netty-tcnative BoringSSL loads on this platform");
        Pop3Server server = listeners.server();
        assertEquals(TlsEngine.OPENSSL, server.tlsEngine());
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = RawPop3.tls(listeners.pop3sPort(), TestTls.socketFactory(server.certificatePem()))) {
            assertTrue(pop.readLine().startsWith("+OK "));
            TlsDetails details = served(server, pop.session());
            assertEquals(new TlsDetails(OPENSSL_ENGINE, true, "TLSv1.3", pop.session().getCipherSuite()), details);
            assertEquals("+OK Send PASS\r\n", pop.command("USER " + account.login()));
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK "));
            assertEquals("+OK 0 0\r\n", pop.command("STAT"));
        }
    }

    @Test
    void opensslServesStlsAndTls12WithForwardSecrecy() throws Exception {
        Pop3Server server = listeners.server();
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            assertEquals("+OK Begin TLS negotiation\r\n", pop.command("STLS"));
            pop.startTls(TestTls.socketFactory(server.certificatePem()), "TLSv1.2");
            SSLSession client = pop.session();
            assertEquals("TLSv1.2", client.getProtocol());
            assertTrue(client.getCipherSuite().startsWith("TLS_ECDHE_"), client.getCipherSuite());
            assertTrue(client.getCipherSuite().contains("_GCM_") || client.getCipherSuite().contains("CHACHA20"),
                    client.getCipherSuite());
            assertEquals(new TlsDetails(OPENSSL_ENGINE, true, "TLSv1.2", client.getCipherSuite()), served(server, client));
            assertEquals("-ERR Send USER first\r\n", pop.command("PASS x"));
        }
    }

    @Test
    void staticRsaAndCbcSuitesAreNotOffered() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.socketFactory(listeners.server().certificatePem())
                .createSocket("127.0.0.1", listeners.pop3sPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            socket.setSoTimeout(10_000);
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, socket::startHandshake);
        }
    }

    @Test
    void jdkEngineStillServesWhenConfigured() throws Exception {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("jdk", "through the JDK engine\r\n"));
        try (ExtraServer extra = new ExtraServer(vertx, Pop3ServerOptions.loopback().withTlsEngine(TlsEngine.JDK), backend)) {
            assertEquals(TlsEngine.JDK, extra.server.tlsEngine());
            try (RawPop3 pop = RawPop3.tls(extra.server.tlsPort(), extra.tls())) {
                assertTrue(pop.readLine().startsWith("+OK "));
                TlsDetails details = served(extra.server, pop.session());
                assertFalse(details.openSsl(), details.toString());
                assertEquals("sun.security.ssl.SSLEngineImpl", details.engineClass());
                assertEquals(pop.session().getProtocol(), details.protocol());
                assertEquals(pop.session().getCipherSuite(), details.cipherSuite());
                pop.command("USER " + account.login());
                assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK "));
                assertTrue(pop.command("STAT").startsWith("+OK 1 "));
            }
            try (RawPop3 pop = extra.stls()) {
                assertFalse(served(extra.server, pop.session()).openSsl());
                assertEquals("-ERR Send USER first\r\n", pop.command("PASS x"));
            }
        }
    }

    /** The server side of the connection the client holds (matched by the negotiated session). */
    private static TlsDetails served(Pop3Server server, SSLSession client) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> server.tlsDetails().values().stream()
                .filter(details -> details.protocol().equals(client.getProtocol())
                        && details.cipherSuite().equals(client.getCipherSuite()))
                .findFirst().orElse(null), found -> found != null);
    }
}
