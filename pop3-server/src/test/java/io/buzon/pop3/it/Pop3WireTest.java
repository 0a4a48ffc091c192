package io.buzon.pop3.it;

import io.buzon.store.Actor;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;

import static io.buzon.pop3.sasl.ScramClient.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact bytes on a real socket against the real store. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class Pop3WireTest {

    @Inject
    Pop3Listeners listeners;

    @Inject
    TestMailboxes mailboxes;

    private SSLSocketFactory tls() {
        return TestTls.socketFactory(listeners.server().certificatePem());
    }

    /** Plain connection upgraded with STLS, greeting and STLS exchange checked. */
    private RawPop3 stls() throws IOException {
        RawPop3 pop = RawPop3.plain(listeners.pop3Port());
        assertEquals("+OK Buzon POP3 server ready\r\n", pop.readLine());
        assertEquals("+OK Begin TLS negotiation\r\n", pop.command("STLS"));
        pop.startTls(tls());
        return pop;
    }

    private RawPop3 loggedIn(Account account) throws IOException {
        RawPop3 pop = stls();
        assertEquals("+OK Send PASS\r\n", pop.command("USER " + account.login()));
        assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK Logged in"));
        return pop;
    }

    @Test
    void capabilitiesInClearTextThenAfterStlsThenAfterLogin() throws IOException {
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            assertEquals("+OK Buzon POP3 server ready\r\n", pop.readLine());
            pop.write("CAPA\r\n");
            assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                    + "EXPIRE NEVER USER\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\nSASL SCRAM-SHA-256\r\nSTLS\r\nUTF8\r\n.\r\n",
                    pop.readMultiLine());
            assertEquals("-ERR Plaintext authentication requires TLS: use STLS first\r\n", pop.command("USER " + account.login()));
            assertEquals("-ERR Plaintext authentication requires TLS: use STLS first\r\n", pop.command("AUTH PLAIN"));
            assertEquals("+OK Begin TLS negotiation\r\n", pop.command("STLS"));
            pop.startTls(tls());
            pop.write("CAPA\r\n");
            assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                    + "EXPIRE NEVER USER\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\nUSER\r\n"
                    + "SASL SCRAM-SHA-256 PLAIN LOGIN\r\nUTF8 USER\r\n.\r\n", pop.readMultiLine());
            assertEquals("-ERR TLS is already active\r\n", pop.command("STLS"));
            pop.command("USER " + account.login());
            assertEquals("+OK Logged in, 0 messages (0 octets)\r\n", pop.command("PASS " + TestMailboxes.PASSWORD));
            pop.write("CAPA\r\n");
            assertEquals("+OK Capability list follows\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n"
                    + "EXPIRE NEVER\r\nIMPLEMENTATION Buzon\r\nTOP\r\nUIDL\r\nUTF8\r\n.\r\n", pop.readMultiLine());
        }
    }

    @Test
    void exactSizesStuffingTopAndUidl() throws IOException {
        Account account = mailboxes.newAccount();
        String first = TestMailboxes.message("first", ".leading dot\r\n..two dots\r\nplain\r\n.\r\nafter lone dot\r\n");
        String second = TestMailboxes.message("second", "line 1\r\nline 2\r\nline 3\r\n");
        var m1 = mailboxes.deliver(account, first);
        var m2 = mailboxes.deliver(account, second);
        try (RawPop3 pop = loggedIn(account)) {
            int total = first.length() + second.length();
            assertEquals("+OK 2 " + total + "\r\n", pop.command("STAT"));
            pop.write("LIST\r\n");
            assertEquals("+OK 2 messages (" + total + " octets)\r\n1 " + first.length() + "\r\n2 " + second.length()
                    + "\r\n.\r\n", pop.readMultiLine());
            pop.write("UIDL\r\n");
            assertEquals("+OK Unique ids follow\r\n1 " + m1.uidl() + "\r\n2 " + m2.uidl() + "\r\n.\r\n", pop.readMultiLine());
            pop.write("RETR 1\r\n");
            String stuffed = first.replace("\r\n.", "\r\n..");
            assertEquals("+OK " + first.length() + " octets\r\n" + stuffed + ".\r\n", pop.readMultiLine());
            pop.write("TOP 2 0\r\n");
            String header = second.substring(0, second.indexOf("\r\n\r\n") + 4);
            assertEquals("+OK Top of message follows\r\n" + header + ".\r\n", pop.readMultiLine());
            pop.write("TOP 2 2\r\n");
            assertEquals("+OK Top of message follows\r\n" + header + "line 1\r\nline 2\r\n.\r\n", pop.readMultiLine());
            assertEquals("-ERR No such message\r\n", pop.command("RETR 3"));
            assertEquals("-ERR Invalid message number\r\n", pop.command("LIST 0"));
            assertEquals("+OK Bye\r\n".replace("Bye", "Bye, 0 messages deleted"), pop.command("QUIT"));
        }
    }

    @Test
    void deleThenQuitDeletesAndUpdatesQuotaUsage() throws IOException {
        Account account = mailboxes.newAccount();
        String first = TestMailboxes.message("a", "keep me\r\n");
        String second = TestMailboxes.message("b", "delete me\r\n");
        mailboxes.deliver(account, first);
        mailboxes.deliver(account, second);
        assertEquals(first.length() + second.length(), mailboxes.usage(account).bytes());
        try (RawPop3 pop = loggedIn(account)) {
            assertEquals("+OK Message 2 marked for deletion\r\n", pop.command("DELE 2"));
            assertEquals("-ERR Message 2 already deleted\r\n", pop.command("RETR 2"));
            assertEquals("+OK 1 " + first.length() + "\r\n", pop.command("STAT"));
            assertEquals("+OK Bye, 1 messages deleted\r\n", pop.command("QUIT"));
            assertTrue(pop.closedByServer());
        }
        assertEquals(first.length(), mailboxes.usage(account).bytes());
        assertEquals(1, mailboxes.usage(account).messages());
        try (RawPop3 pop = loggedIn(account)) {
            assertEquals("+OK 1 " + first.length() + "\r\n", pop.command("STAT"));
        }
    }

    @Test
    void deleThenDropDeletesNothingAndFreesTheLock() throws Exception {
        Account account = mailboxes.newAccount();
        String body = TestMailboxes.message("a", "x\r\n");
        mailboxes.deliver(account, body);
        try (RawPop3 pop = loggedIn(account)) {
            assertEquals("+OK Message 1 marked for deletion\r\n", pop.command("DELE 1"));
            try (RawPop3 second = stls()) {
                second.command("USER " + account.login());
                assertEquals("-ERR [IN-USE] Maildrop is in use by another session\r\n",
                        second.command("PASS " + TestMailboxes.PASSWORD));
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            try (RawPop3 pop = stls()) {
                pop.command("USER " + account.login());
                assertEquals("+OK Logged in, 1 messages (" + body.length() + " octets)\r\n",
                        pop.command("PASS " + TestMailboxes.PASSWORD));
            }
        });
        assertEquals(1, mailboxes.usage(account).messages());
    }

    @Test
    void pipelinedCommandsAnswerInOrder() throws IOException {
        Account account = mailboxes.newAccount();
        String body = TestMailboxes.message("p", "pipelined\r\n");
        mailboxes.deliver(account, body);
        try (RawPop3 pop = stls()) {
            pop.write("USER " + account.login() + "\r\nPASS " + TestMailboxes.PASSWORD + "\r\nSTAT\r\nRETR 1\r\nNOOP\r\nLIST 1\r\nQUIT\r\n");
            assertEquals("+OK Send PASS\r\n", pop.readLine());
            assertEquals("+OK Logged in, 1 messages (" + body.length() + " octets)\r\n", pop.readLine());
            assertEquals("+OK 1 " + body.length() + "\r\n", pop.readLine());
            assertEquals("+OK " + body.length() + " octets\r\n" + body + ".\r\n", pop.readMultiLine());
            assertEquals("+OK\r\n", pop.readLine());
            assertEquals("+OK 1 " + body.length() + "\r\n", pop.readLine());
            assertEquals("+OK Bye, 0 messages deleted\r\n", pop.readLine());
            assertTrue(pop.closedByServer());
        }
    }

    @Test
    void garbageNulAndOverlongLinesAreErrorsAndRepeatedErrorsClose() throws IOException {
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            assertEquals("-ERR Control characters are not allowed in a command\r\n", pop.command("NO\0OP"));
            assertEquals("-ERR Command line too long (limit 255 octets)\r\n", pop.command("USER " + "x".repeat(300)));
            assertEquals("-ERR Unknown command\r\n", pop.command("HELLO world"));
            assertEquals("-ERR Empty command\r\n", pop.command(""));
            assertEquals("-ERR Command is not valid UTF-8\r\n", sendBytes(pop, new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xFF, '\r', '\n'}));
            assertEquals("-ERR STAT is not valid in this state\r\n", pop.command("STAT"));
            for (int i = 0; i < 3; i++) {
                assertEquals("-ERR Unknown command\r\n", pop.command("XYZ"));
            }
            assertEquals("-ERR Unknown command\r\n-ERR Too many errors, closing connection\r\n",
                    pop.command("XYZ") + pop.readLine());
            assertTrue(pop.closedByServer());
        }
    }

    private static String sendBytes(RawPop3 pop, byte[] bytes) throws IOException {
        pop.write(bytes);
        return pop.readLine();
    }

    @Test
    void stlsDiscardsPipelinedInjection() throws IOException {
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            // A man in the middle appends commands after STLS; they must not run inside the TLS session.
            pop.write("STLS\r\nUSER " + account.login() + "\r\n");
            assertEquals("+OK Begin TLS negotiation\r\n", pop.readLine());
            pop.startTls(tls());
            assertEquals("-ERR Send USER first\r\n", pop.command("PASS " + TestMailboxes.PASSWORD));
            assertEquals("+OK Send PASS\r\n", pop.command("USER " + account.login()));
        }
    }

    @Test
    void saslEdgeCases() throws IOException {
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = stls()) {
            assertEquals("+ \r\n", pop.command("AUTH PLAIN"));
            assertEquals("-ERR Authentication cancelled\r\n", pop.command("*"));
            assertEquals("-ERR Initial response is not valid base64\r\n", pop.command("AUTH PLAIN %%%"));
            assertEquals("+ \r\n", pop.command("AUTH PLAIN"));
            assertEquals("-ERR SASL response is not valid base64\r\n", pop.command("not base64!"));
            assertEquals("-ERR PLAIN response must be authzid NUL authcid NUL password\r\n", pop.command("AUTH PLAIN ="));
            assertEquals("+ " + b64("Username:") + "\r\n", pop.command("AUTH LOGIN"));
            assertEquals("-ERR Authentication cancelled\r\n", pop.command("*"));
            pop.write("AUTH\r\n");
            assertEquals("+OK Supported mechanisms follow\r\nSCRAM-SHA-256\r\nPLAIN\r\nLOGIN\r\n.\r\n", pop.readMultiLine());
            // A SASL line may exceed a command's 255 octets.
            String longPassword = "p".repeat(600);
            assertEquals("+ \r\n", pop.command("AUTH PLAIN"));
            assertEquals("-ERR [AUTH] Authentication failed\r\n", pop.command(b64("\0" + account.login() + "\0" + longPassword)));
            assertTrue(pop.command("AUTH PLAIN " + b64("\0" + account.login() + "\0" + TestMailboxes.PASSWORD))
                    .startsWith("+OK Logged in, 0 messages"));
        }
    }

    @Test
    void authLoginWithContinuations() throws IOException {
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = stls()) {
            assertEquals("+ " + b64("Username:") + "\r\n", pop.command("AUTH LOGIN"));
            assertEquals("+ " + b64("Password:") + "\r\n", pop.command(b64(account.login())));
            assertTrue(pop.command(b64(TestMailboxes.PASSWORD)).startsWith("+OK Logged in"));
        }
    }

    @Test
    void failedLoginsLookAlikeAndCloseAfterThree() throws IOException {
        Account account = mailboxes.newAccount();
        Account disabled = mailboxes.newAccount();
        mailboxes.disable(disabled);
        try (RawPop3 pop = stls()) {
            pop.command("USER nobody-" + account.login());
            assertEquals("-ERR [AUTH] Authentication failed\r\n", pop.command("PASS " + TestMailboxes.PASSWORD));
            pop.command("USER " + account.login());
            assertEquals("-ERR [AUTH] Authentication failed\r\n", pop.command("PASS wrong"));
            pop.command("USER " + disabled.login());
            assertEquals("-ERR [AUTH] Authentication failed\r\n", pop.command("PASS " + TestMailboxes.PASSWORD));
            assertTrue(pop.closedByServer());
        }
    }

    @Inject
    io.buzon.store.password.PasswordPolicyService policies;

    @Inject
    io.buzon.store.auth.AppPasswordService appPasswords;

    @Test
    void aPolicyRequiringTwoFactorTellsTheRightMainPasswordToUseAnAppPassword() throws IOException {
        Account account = mailboxes.newAccount();
        String phone = appPasswords.create(Actor.system("test"), account.id(), "Phone").secret();
        policies.setDomainOverrides(Actor.system("test"), account.domainId(), new io.buzon.store.password.PolicyOverrides(null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, true));
        try (RawPop3 pop = stls()) {
            assertEquals("+OK Send PASS\r\n", pop.command("USER " + account.login()));
            assertEquals("-ERR [AUTH] Two-factor authentication is required: use an app password\r\n",
                    pop.command("PASS " + TestMailboxes.PASSWORD));
            pop.command("USER " + account.login());
            assertEquals("-ERR [AUTH] Authentication failed\r\n", pop.command("PASS wrong"));
            assertEquals("-ERR [AUTH] Two-factor authentication is required: use an app password\r\n",
                    pop.command("AUTH PLAIN " + b64("\0" + account.login() + "\0" + TestMailboxes.PASSWORD)));
            assertTrue(pop.closedByServer(), "three refusals close the connection like three failures");
        }
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            // SCRAM keys belong to the main password: a right proof is refused the same way.
            var client = new io.buzon.pop3.sasl.ScramClient(account.login(), TestMailboxes.PASSWORD, "k2jd8sLq0pQz");
            String serverFirst = pop.command("AUTH SCRAM-SHA-256 " + b64(client.clientFirst()));
            assertEquals("-ERR [AUTH] Two-factor authentication is required: use an app password\r\n",
                    pop.command(b64(client.clientFinal(io.buzon.pop3.sasl.ScramClient.unb64(serverFirst.substring(2).trim())))));
        }
        assertEquals(1, nameFailures(account.login()),
                "only the wrong password counted toward lockout");
        try (RawPop3 pop = stls()) {
            pop.command("USER " + account.login());
            assertEquals("+OK Logged in, 0 messages (0 octets)\r\n", pop.command("PASS " + phone));
        }
    }

    @Test
    void scramSha256WithTheKeysStoredWhenThePasswordWasSet() throws IOException {
        Account account = mailboxes.newAccount();
        mailboxes.deliver(account, TestMailboxes.message("s", "scram\r\n"));
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            // SCRAM never sends the password, so it is offered without TLS.
            var client = new io.buzon.pop3.sasl.ScramClient(account.login(), TestMailboxes.PASSWORD, "rOprNGfwEbeRWgbNEkqO");
            String serverFirst = pop.command("AUTH SCRAM-SHA-256 " + b64(client.clientFirst()));
            assertTrue(serverFirst.startsWith("+ "), serverFirst);
            String serverFinal = pop.command(b64(client.clientFinal(io.buzon.pop3.sasl.ScramClient.unb64(serverFirst.substring(2).trim()))));
            assertTrue(client.verifyServerFinal(io.buzon.pop3.sasl.ScramClient.unb64(serverFinal.substring(2).trim())), serverFinal);
            assertTrue(pop.command("").startsWith("+OK Logged in, 1 messages"));
        }
        try (RawPop3 pop = RawPop3.plain(listeners.pop3Port())) {
            pop.readLine();
            var wrong = new io.buzon.pop3.sasl.ScramClient(account.login(), "not the password", "abcdef");
            String serverFirst = pop.command("AUTH SCRAM-SHA-256 " + b64(wrong.clientFirst()));
            assertEquals("-ERR [AUTH] Authentication failed\r\n",
                    pop.command(b64(wrong.clientFinal(io.buzon.pop3.sasl.ScramClient.unb64(serverFirst.substring(2).trim())))));
        }
        // A wrong SCRAM proof counts toward lockout exactly like a wrong password (the success above cleared none).
        assertEquals(1, nameFailures(account.login()));
    }

    @Inject
    io.buzon.store.retention.RetentionRules retentionRules;

    @Inject
    io.buzon.store.auth.AuthService auth;

    /** Failures counted against a name from everywhere. */
    private int nameFailures(String login) {
        return auth.lockState(login).counters().stream().filter(c -> c.address() == null)
                .mapToInt(io.buzon.store.auth.LoginThrottle.Counter::failures).sum();
    }

    @Test
    void loginDelayAndExpireComeFromTheAccountsRetentionRule() throws IOException {
        Account account = mailboxes.newAccount();
        retentionRules.setAccountRule(Actor.system("test"), account.id(), new io.buzon.store.retention.RetentionOverrides(14, null, 600));
        try {
            try (RawPop3 pop = loggedIn(account)) {
                pop.write("CAPA\r\n");
                String capa = pop.readMultiLine();
                assertTrue(capa.contains("\r\nLOGIN-DELAY 600\r\nEXPIRE 14\r\n"), capa);
                assertEquals("+OK Bye, 0 messages deleted\r\n", pop.command("QUIT"));
            }
            try (RawPop3 pop = stls()) {
                pop.command("USER " + account.login());
                String refused = pop.command("PASS " + TestMailboxes.PASSWORD);
                assertTrue(refused.matches("-ERR \\[LOGIN-DELAY\\] Logged in too recently, try again in \\d+ seconds\r\n"), refused);
                // the maildrop was not left locked by the refused login
                assertEquals("-ERR STAT is not valid in this state\r\n", pop.command("STAT"));
            }
        } finally {
            retentionRules.clearAccountRule(Actor.system("test"), account.id());
        }
    }

    @Test
    void implicitTlsListener() throws IOException {
        Account account = mailboxes.newAccount();
        try (RawPop3 pop = RawPop3.tls(listeners.pop3sPort(), tls())) {
            assertEquals("+OK Buzon POP3 server ready\r\n", pop.readLine());
            pop.write("CAPA\r\n");
            String capa = pop.readMultiLine();
            assertTrue(capa.contains("\r\nUSER\r\n") && !capa.contains("STLS"), capa);
            pop.command("USER " + account.login());
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK Logged in"));
        }
    }
}
