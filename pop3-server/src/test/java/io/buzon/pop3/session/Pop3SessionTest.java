package io.buzon.pop3.session;

import io.buzon.pop3.sasl.ScramClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.buzon.pop3.sasl.ScramClient.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol core without a socket: exact responses for every command and state. */
class Pop3SessionTest {

    private static final String M1 = "Subject: one\r\n\r\nbody one\r\n";
    private static final String M2 = "Subject: two\r\n\r\n.dotted\r\nno final line end";
    private InMemoryBackend backend;

    @BeforeEach
    void maildrop() {
        backend = new InMemoryBackend().add(11, M1).add(12, M2);
    }

    private SessionHarness tls() {
        return new SessionHarness(backend, Pop3Settings.defaults(), true);
    }

    private SessionHarness loggedIn() {
        SessionHarness h = tls();
        h.send("USER " + InMemoryBackend.LOGIN);
        assertEquals("+OK Logged in, 2 messages (" + (M1.length() + M2.length()) + " octets)\r\n",
                h.send("PASS " + InMemoryBackend.PASSWORD));
        return h;
    }

    @Test
    void capaBeforeLoginInClearTextHidesPlaintextMechanismsAndOffersStls() {
        SessionHarness h = new SessionHarness(backend, Pop3Settings.defaults(), false);
        assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                + "LOGIN-DELAY 300 USER\r\nEXPIRE 7 USER\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\n"
                + "SASL SCRAM-SHA-256\r\nSTLS\r\nUTF8\r\n.\r\n", h.send("CAPA"));
        assertEquals("-ERR Plaintext authentication requires TLS: use STLS first\r\n", h.send("USER a"));
        assertEquals("-ERR Plaintext authentication requires TLS: use STLS first\r\n", h.send("AUTH PLAIN"));
    }

    @Test
    void capaWithTlsAndAfterLogin() {
        SessionHarness h = tls();
        assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                + "LOGIN-DELAY 300 USER\r\nEXPIRE 7 USER\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\nUSER\r\n"
                + "SASL SCRAM-SHA-256 PLAIN LOGIN\r\nUTF8 USER\r\n.\r\n", h.send("CAPA"));
        h.send("USER " + InMemoryBackend.LOGIN, "PASS " + InMemoryBackend.PASSWORD);
        assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                + "EXPIRE 30\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\nUTF8\r\n.\r\n", h.send("CAPA"));
    }

    @Test
    void aWriteThatFailsMidMessageEndsTheSessionInsteadOfAnsweringErr() {
        String big = "Subject: big\r\n\r\n" + "0123456789abcdef\r\n".repeat(10_000);
        backend.add(13, big);
        SessionHarness h = tls();
        h.send("USER " + InMemoryBackend.LOGIN);
        assertTrue(h.send("PASS " + InMemoryBackend.PASSWORD).startsWith("+OK Logged in, 3 messages"));
        // the status line with the first 64 KiB goes out, then the connection breaks
        h.writesBeforeFailure = 1;
        String sent = h.send("RETR 3");
        assertTrue(sent.startsWith("+OK " + big.length() + " octets\r\nSubject: big\r\n"), sent.substring(0, 40));
        assertFalse(sent.contains("-ERR"), "no -ERR inside a message body");
        assertEquals(("+OK " + big.length() + " octets\r\n").length() + 64 * 1024, sent.length());
        assertTrue(h.closed, "the connection is closed");
        assertTrue(backend.commits.isEmpty(), "nothing committed");
    }

    @Test
    void transactionCommandsGiveExactResponses() {
        SessionHarness h = loggedIn();
        assertEquals("+OK 2 " + (M1.length() + M2.length()) + "\r\n", h.send("STAT"));
        assertEquals("+OK 2 messages (" + (M1.length() + M2.length()) + " octets)\r\n1 " + M1.length() + "\r\n2 "
                + M2.length() + "\r\n.\r\n", h.send("LIST"));
        assertEquals("+OK 2 " + M2.length() + "\r\n", h.send("LIST 2"));
        assertEquals("+OK Unique ids follow\r\n1 uid-11\r\n2 uid-12\r\n.\r\n", h.send("UIDL"));
        assertEquals("+OK " + M2.length() + " octets\r\nSubject: two\r\n\r\n..dotted\r\nno final line end\r\n.\r\n",
                h.send("RETR 2"));
        assertEquals(List.of(), backend.retrieved, "first retrievals are written in batches, not per RETR");
        assertEquals("+OK Top of message follows\r\nSubject: one\r\n\r\n.\r\n", h.send("TOP 1 0"));
        assertEquals("+OK Message 1 marked for deletion\r\n", h.send("DELE 1"));
        assertEquals("-ERR Message 1 already deleted\r\n", h.send("DELE 1"));
        assertEquals("-ERR Message 1 already deleted\r\n", h.send("RETR 1"));
        assertEquals("-ERR Message 1 already deleted\r\n", h.send("TOP 1 1"));
        assertEquals("-ERR Message 1 already deleted\r\n", h.send("LIST 1"));
        assertEquals("-ERR Message 1 already deleted\r\n", h.send("UIDL 1"));
        assertEquals("-ERR No such message\r\n", h.send("RETR 3"));
        assertEquals("-ERR Invalid message number\r\n", h.send("RETR x"));
        assertEquals("+OK 1 " + M2.length() + "\r\n", h.send("STAT"));
        assertEquals("+OK Unique ids follow\r\n2 uid-12\r\n.\r\n", h.send("UIDL"));
        assertEquals("+OK 2 messages (" + (M1.length() + M2.length()) + " octets)\r\n", h.send("RSET"));
        assertEquals("+OK \r\n".replace(" \r\n", "\r\n"), h.send("NOOP"));
        h.send("DELE 2");
        assertEquals("+OK Bye, 1 messages deleted\r\n", h.send("QUIT"));
        assertEquals(List.of(Set.of(12L)), backend.commits);
        assertEquals(List.of(), backend.retrieved, "the one retrieved message was deleted at QUIT");
        assertTrue(h.closed);
        assertTrue(backend.locked.isEmpty());
    }

    @Test
    void firstRetrievalsAreRecordedOnceAtQuitWithoutTheDeletedOnes() {
        backend.add(13, M1);
        SessionHarness h = tls();
        h.send("USER " + InMemoryBackend.LOGIN);
        h.send("PASS " + InMemoryBackend.PASSWORD);
        h.send("RETR 2", "RETR 1", "RETR 2", "TOP 3 1", "RETR 3", "DELE 3");
        assertEquals(List.of(), backend.retrieved);
        assertEquals("+OK Bye, 1 messages deleted\r\n", h.send("QUIT"));
        assertEquals(List.of(11L, 12L), backend.retrieved);
    }

    @Test
    void firstRetrievalsAreRecordedWhenTheConnectionDrops() {
        SessionHarness h = loggedIn();
        h.send("RETR 1", "TOP 2 0", "DELE 1");
        h.session.onDisconnect();
        assertEquals(List.of(11L), backend.retrieved, "nothing was deleted, so the retrieval counts");
        assertTrue(backend.locked.isEmpty());
    }

    @Test
    void firstRetrievalsAreWrittenEveryBatchWithinALongSession() {
        for (long id = 13; id < 13 + Pop3Session.RETRIEVAL_BATCH; id++) {
            backend.add(id, M1);
        }
        SessionHarness h = tls();
        h.send("USER " + InMemoryBackend.LOGIN);
        h.send("PASS " + InMemoryBackend.PASSWORD);
        for (int n = 1; n < Pop3Session.RETRIEVAL_BATCH; n++) {
            h.send("RETR " + n);
        }
        assertEquals(List.of(), backend.retrieved);
        h.send("RETR " + Pop3Session.RETRIEVAL_BATCH);
        assertEquals(Pop3Session.RETRIEVAL_BATCH, backend.retrieved.size());
        assertEquals(1, backend.retrievalWrites, "the full batch went in one write");
        assertEquals(11L, backend.retrieved.get(0));
        h.send("RETR " + (Pop3Session.RETRIEVAL_BATCH + 1), "QUIT");
        assertEquals(Pop3Session.RETRIEVAL_BATCH + 1, backend.retrieved.size());
        assertEquals(2, backend.retrievalWrites);
    }

    @Test
    void dropDeletesNothingAndReleasesTheLock() {
        SessionHarness h = loggedIn();
        h.send("DELE 1", "DELE 2");
        h.session.onDisconnect();
        assertTrue(backend.commits.isEmpty());
        assertEquals(2, backend.messages.size());
        assertTrue(backend.locked.isEmpty());
    }

    @Test
    void failedCommitKeepsMailAndSaysSysTemp() {
        SessionHarness h = loggedIn();
        h.send("DELE 1");
        backend.failing = true;
        assertEquals("-ERR [SYS/TEMP] Update failed, no messages were deleted\r\n", h.send("QUIT"));
        assertEquals(2, backend.messages.size());
        assertTrue(h.closed);
    }

    @Test
    void secondSessionGetsInUse() {
        loggedIn();
        SessionHarness second = tls();
        second.send("USER " + InMemoryBackend.LOGIN);
        assertEquals("-ERR [IN-USE] Maildrop is in use by another session\r\n", second.send("PASS " + InMemoryBackend.PASSWORD));
        assertEquals("-ERR STAT is not valid in this state\r\n", second.send("STAT"));
    }

    @Test
    void storeDownGivesSysTempAndRecovers() {
        SessionHarness h = tls();
        backend.failing = true;
        h.send("USER " + InMemoryBackend.LOGIN);
        assertEquals("-ERR [SYS/TEMP] Temporary server failure, try again later\r\n", h.send("PASS " + InMemoryBackend.PASSWORD));
        backend.failing = false;
        h.send("USER " + InMemoryBackend.LOGIN);
        assertTrue(h.send("PASS " + InMemoryBackend.PASSWORD).startsWith("+OK Logged in"));
    }

    @Test
    void failedLoginsAreDelayedIdenticallyAndEndTheConnection() {
        SessionHarness h = tls();
        h.send("USER nobody@example.org");
        assertEquals("-ERR [AUTH] Authentication failed\r\n", h.send("PASS x"));
        h.send("USER " + InMemoryBackend.LOGIN);
        assertEquals("-ERR [AUTH] Authentication failed\r\n", h.send("PASS wrong"));
        assertFalse(h.closed);
        assertEquals("-ERR [AUTH] Authentication failed\r\n", h.send("AUTH PLAIN " + b64("\0" + InMemoryBackend.LOGIN + "\0bad")));
        assertTrue(h.closed);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), h.delays);
    }

    @Test
    void stateRules() {
        SessionHarness h = tls();
        assertEquals("-ERR Send USER first\r\n", h.send("PASS x"));
        assertEquals("-ERR RETR is not valid in this state\r\n", h.send("RETR 1"));
        assertEquals("-ERR TLS is already active\r\n", h.send("STLS"));
        assertEquals("-ERR Unknown command\r\n", h.send("APOP a b"));
        assertEquals("+OK UTF8 enabled\r\n", h.send("UTF8"));
        SessionHarness in = loggedIn();
        assertEquals("-ERR UTF8 is not valid in this state\r\n", in.send("UTF8"));
        assertEquals("-ERR USER is not valid in this state\r\n", in.send("USER x"));
    }

    @Test
    void nonAsciiLoginNeedsUtf8() {
        SessionHarness h = tls();
        assertEquals("-ERR [UTF8] Issue UTF8 before using a non-ASCII login name\r\n", h.send("USER jos\u00e9@example.org"));
        h.send("UTF8");
        assertEquals("+OK Send PASS\r\n", h.send("USER jos\u00e9@example.org"));
    }

    @Test
    void repeatedGarbageClosesTheConnection() {
        SessionHarness h = tls();
        for (int i = 1; i < 10; i++) {
            assertEquals("-ERR Control characters are not allowed in a command\r\n", h.send("NO\0OP"));
        }
        assertEquals("-ERR Control characters are not allowed in a command\r\n-ERR Too many errors, closing connection\r\n",
                h.send("NO\0OP"));
        assertTrue(h.closed);
    }

    @Test
    void saslPlainAndLoginWithEdgeCases() {
        SessionHarness h = tls();
        assertEquals("+ \r\n", h.send("AUTH PLAIN"));
        assertEquals("-ERR Authentication cancelled\r\n", h.send("*"));
        assertEquals("-ERR Initial response is not valid base64\r\n", h.send("AUTH PLAIN !!!"));
        assertEquals("+ \r\n", h.send("AUTH PLAIN"));
        assertEquals("-ERR SASL response is not valid base64\r\n", h.send("@@@"));
        assertEquals("-ERR PLAIN response must be authzid NUL authcid NUL password\r\n", h.send("AUTH PLAIN ="));
        assertEquals("-ERR Acting as another user is not allowed\r\n",
                h.send("AUTH PLAIN " + b64("bob@example.org\0" + InMemoryBackend.LOGIN + "\0" + InMemoryBackend.PASSWORD)));
        assertEquals("-ERR Unsupported authentication mechanism\r\n", h.send("AUTH CRAM-MD5"));
        assertEquals("+ " + b64("Username:") + "\r\n", h.send("AUTH LOGIN"));
        assertEquals("+ " + b64("Password:") + "\r\n", h.send(b64(InMemoryBackend.LOGIN)));
        assertTrue(h.send(b64(InMemoryBackend.PASSWORD)).startsWith("+OK Logged in, 2 messages"));
    }

    @Test
    void saslPlainWithContinuation() {
        SessionHarness h = tls();
        h.send("AUTH PLAIN");
        assertTrue(h.send(b64("\0" + InMemoryBackend.LOGIN + "\0" + InMemoryBackend.PASSWORD)).startsWith("+OK Logged in"));
    }

    @Test
    void scramSha256FullExchangeWithoutTls() {
        SessionHarness h = new SessionHarness(backend, Pop3Settings.defaults(), false);
        ScramClient client = new ScramClient(InMemoryBackend.LOGIN, InMemoryBackend.PASSWORD, "fyko+d2lbbFgONRv9qkxdawL");
        String serverFirst = h.send("AUTH SCRAM-SHA-256 " + b64(client.clientFirst()));
        assertTrue(serverFirst.startsWith("+ "));
        String serverFinal = h.send(b64(client.clientFinal(ScramClient.unb64(serverFirst.substring(2).trim()))));
        assertTrue(client.verifyServerFinal(ScramClient.unb64(serverFinal.substring(2).trim())), serverFinal);
        assertTrue(h.send("").startsWith("+OK Logged in, 2 messages"));
    }

    @Test
    void scramWrongPasswordAndUnknownUserFailAlike() {
        SessionHarness h = new SessionHarness(backend, Pop3Settings.defaults(), false);
        for (String login : List.of(InMemoryBackend.LOGIN, "nobody@example.org")) {
            ScramClient client = new ScramClient(login, "wrong", "abc");
            String serverFirst = h.send("AUTH SCRAM-SHA-256 " + b64(client.clientFirst()));
            assertTrue(serverFirst.matches("\\+ [A-Za-z0-9+/=]+\r\n"), serverFirst);
            assertTrue(ScramClient.unb64(serverFirst.substring(2).trim()).contains(",i=4096"));
            assertEquals("-ERR [AUTH] Authentication failed\r\n",
                    h.send(b64(client.clientFinal(ScramClient.unb64(serverFirst.substring(2).trim())))));
        }
    }

    @Test
    void stlsForgetsPendingUserAndDiscardsPipelinedInput() {
        SessionHarness h = new SessionHarness(backend, Pop3Settings.defaults(), false);
        h.send("USER " + InMemoryBackend.LOGIN);
        assertEquals("-ERR Plaintext authentication requires TLS: use STLS first\r\n", h.take().isEmpty() ? h.send("PASS x") : "");
        assertEquals("+OK Begin TLS negotiation\r\n", h.send("STLS"));
        assertEquals("-ERR Send USER first\r\n", h.send("PASS " + InMemoryBackend.PASSWORD));
    }
}
