package io.buzon.pop3.it;

import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract, run with real client libraries over both transports: plain POP3 upgraded with STLS, and
 * implicit-TLS POP3S. The transports only supply the connection.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class Pop3ClientContractTest {

    enum Transport { STLS, IMPLICIT_TLS }

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    private SSLContext sslContext() {
        return TestTls.trusting(listeners.server().certificatePem());
    }

    private POP3SClient commonsNet(Transport transport) throws Exception {
        POP3SClient client = new POP3SClient(transport == Transport.IMPLICIT_TLS, sslContext());
        client.setDefaultTimeout(15_000);
        if (transport == Transport.IMPLICIT_TLS) {
            client.connect("127.0.0.1", listeners.pop3sPort());
        } else {
            client.connect("127.0.0.1", listeners.pop3Port());
            assertTrue(client.execTLS(), "STLS accepted");
        }
        return client;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void commonsNetReadsListsAndDeletes(Transport transport) throws Exception {
        Account account = mailboxes.newAccount();
        String first = TestMailboxes.message("one", "Hello\r\n.dot line\r\n");
        String second = TestMailboxes.message("two", "second body\r\nmore\r\n");
        var m1 = mailboxes.deliver(account, first);
        var m2 = mailboxes.deliver(account, second);

        POP3SClient client = commonsNet(transport);
        assertTrue(client.capa());
        String capabilities = String.join("\n", client.getReplyStrings());
        assertTrue(capabilities.contains("\nUSER") && capabilities.contains("SASL SCRAM-SHA-256 PLAIN LOGIN"), capabilities);
        assertTrue(client.login(account.login(), TestMailboxes.PASSWORD));
        POP3MessageInfo status = client.status();
        assertEquals(2, status.number);
        assertEquals(first.length() + second.length(), status.size);
        POP3MessageInfo[] list = client.listMessages();
        assertEquals(first.length(), list[0].size);
        assertEquals(second.length(), list[1].size);
        POP3MessageInfo[] uids = client.listUniqueIdentifiers();
        assertEquals(m1.uidl(), uids[0].identifier);
        assertEquals(m2.uidl(), uids[1].identifier);
        assertEquals(m2.uidl(), client.listUniqueIdentifier(2).identifier);
        assertEquals(first, read(client.retrieveMessage(1)));
        String top = read(client.retrieveMessageTop(2, 0));
        assertEquals(second.substring(0, second.indexOf("\r\n\r\n") + 4), top);
        assertTrue(client.deleteMessage(1));
        assertEquals(1, client.status().number);
        assertTrue(client.reset());
        assertEquals(2, client.status().number);
        assertTrue(client.deleteMessage(1));
        assertTrue(client.logout());
        client.disconnect();

        assertEquals(1, mailboxes.usage(account).messages());
        assertEquals(second.length(), mailboxes.usage(account).bytes());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void commonsNetAuthPlain(Transport transport) throws Exception {
        Account account = mailboxes.newAccount();
        ExtendedPOP3Client client = new ExtendedPOP3Client();
        client.setDefaultTimeout(15_000);
        client.setTrustManager(trustManager());
        if (transport == Transport.IMPLICIT_TLS) {
            // ExtendedPOP3Client is explicit-mode only; implicit TLS goes through a pre-connected factory.
            client.setSocketFactory(sslContext().getSocketFactory());
            client.connect("127.0.0.1", listeners.pop3sPort());
        } else {
            client.connect("127.0.0.1", listeners.pop3Port());
            assertTrue(client.execTLS());
        }
        assertTrue(client.auth(ExtendedPOP3Client.AUTH_METHOD.PLAIN, account.login(), TestMailboxes.PASSWORD));
        // Commons Net's auth() does not move its own state machine to TRANSACTION (its login() does).
        client.setState(org.apache.commons.net.pop3.POP3.TRANSACTION_STATE);
        assertEquals(0, client.status().number);
        assertTrue(client.logout());
        client.disconnect();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void angusMailReadsAndDeletesOnClose(Transport transport) throws Exception {
        Account account = mailboxes.newAccount();
        String first = TestMailboxes.message("angus one", "Body one\r\n");
        String second = TestMailboxes.message("angus two", "Body two\r\n..double\r\n");
        var m1 = mailboxes.deliver(account, first);
        mailboxes.deliver(account, second);

        Store store = angus(transport);
        store.connect("127.0.0.1", transport == Transport.IMPLICIT_TLS ? listeners.pop3sPort() : listeners.pop3Port(),
                account.login(), TestMailboxes.PASSWORD);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertEquals(2, inbox.getMessageCount());
        Message message = inbox.getMessage(1);
        assertEquals(m1.uidl(), ((POP3Folder) inbox).getUID(message));
        assertEquals("angus one", message.getSubject());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        inbox.getMessage(2).writeTo(raw);
        assertArrayEquals(second.getBytes(StandardCharsets.UTF_8), raw.toByteArray());
        // Jakarta Mail's getSize() is the body size: LIST's exact size minus the header it fetched.
        assertEquals(second.length() - second.indexOf("\r\n\r\n") - 4, inbox.getMessage(2).getSize());
        message.setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();

        assertEquals(1, mailboxes.usage(account).messages());
        Store again = angus(transport);
        again.connect("127.0.0.1", transport == Transport.IMPLICIT_TLS ? listeners.pop3sPort() : listeners.pop3Port(),
                account.login(), TestMailboxes.PASSWORD);
        Folder reopened = again.getFolder("INBOX");
        reopened.open(Folder.READ_ONLY);
        assertEquals(1, reopened.getMessageCount());
        assertEquals("angus two", reopened.getMessage(1).getSubject());
        reopened.close(false);
        again.close();
    }

    private Store angus(Transport transport) throws Exception {
        Properties properties = new Properties();
        String protocol = transport == Transport.IMPLICIT_TLS ? "pop3s" : "pop3";
        properties.put("mail." + protocol + ".ssl.socketFactory", sslContext().getSocketFactory());
        properties.put("mail." + protocol + ".connectiontimeout", "15000");
        properties.put("mail." + protocol + ".timeout", "15000");
        if (transport == Transport.STLS) {
            properties.put("mail.pop3.starttls.enable", "true");
            properties.put("mail.pop3.starttls.required", "true");
        }
        Store store = Session.getInstance(properties).getStore(protocol);
        assertNotNull(store);
        return store;
    }

    private javax.net.ssl.TrustManager trustManager() throws Exception {
        java.security.cert.Certificate certificate = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(
                        listeners.server().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
        keyStore.load(null, null);
        keyStore.setCertificateEntry("buzon", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        return factory.getTrustManagers()[0];
    }

    private static String read(Reader reader) throws Exception {
        assertNotNull(reader);
        StringBuilder text = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(reader)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                text.append(line).append("\r\n");
            }
        }
        return text.toString();
    }

}
