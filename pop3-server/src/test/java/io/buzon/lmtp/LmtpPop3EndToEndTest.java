package io.buzon.lmtp;

import io.buzon.store.Actor;
import io.buzon.store.importer.DovecotImport;
import io.buzon.store.importer.ImportProgress;
import io.buzon.store.importer.ImportReport;
import io.buzon.store.importer.ImportService;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.Maildrop;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail in, mail out, with independent clients on both ends: Python's smtplib.LMTP delivers, Python's
 * poplib retrieves over POP3S; and a Dovecot import shows the old UIDLs to poplib, logging in with the
 * old password.
 */
@QuarkusTest
@TestProfile(LmtpTestProfile.class)
@WithTestResource(PostgresTestResource.class)
class LmtpPop3EndToEndTest {

    private static final String PASSWORD = "Correct-Horse-Battery-9";

    @Inject
    LmtpServer lmtp;
    @Inject
    Pop3Listeners pop3;
    @Inject
    DomainService domains;
    @Inject
    AccountService accounts;
    @Inject
    PasswordService passwords;
    @Inject
    MaildropService maildrops;
    @Inject
    ImportService imports;

    @TempDir
    Path temp;

    /** Runs pop3_fetch.py; returns its output lines. */
    private List<String> fetch(String login, String password, Path outDir) throws Exception {
        Path script = temp.resolve("pop3_fetch.py");
        if (!Files.exists(script)) {
            try (InputStream in = getClass().getResourceAsStream("/io/buzon/lmtp/pop3_fetch.py")) {
                Files.copy(in, script);
            }
        }
        Path ca = Files.writeString(temp.resolve("ca.pem"), pop3.server().certificatePem());
        Files.createDirectories(outDir);
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(pop3.pop3sPort()), login, password,
                ca.toString(), outDir.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.lines().toList();
    }

    @Test
    void deliveredOverLmtpRetrievedOverPop3ByteForByte() throws Exception {
        String domain = "e2e" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account acc = accounts.create(Actor.system("test"), "reader@" + domain, null);
        var change = passwords.setPassword(Actor.system("test"), acc.id(), PASSWORD);
        assertTrue(change.accepted(), change.violations().toString());

        byte[] body = ("From: sender@remote.test\r\nSubject: =?utf-8?q?ol=C3=A9?=\r\n\r\n"
                + "Se\u00f1ora, \u00bfqu\u00e9 tal?\r\n.a line starting with a dot\r\n..\r\n.\r\nfin\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(temp.resolve("in.eml"), body);
        List<String> lmtpOut = PythonLmtpClient.deliver(lmtp.port(), "sender@remote.test", file, acc.login());
        assertTrue(lmtpOut.get(3).startsWith("DATA " + acc.login() + " 250 2.0.0"), lmtpOut.toString());

        Maildrop drop = maildrops.open(acc.id());
        byte[] stored;
        try (InputStream in = maildrops.reader(acc.id(), drop.entry(1).messageId()).asInputStream()) {
            stored = in.readAllBytes();
        }
        List<String> out = fetch(acc.login(), PASSWORD, temp.resolve("got"));
        assertEquals("STAT 1 " + stored.length, out.get(0));
        assertEquals("UIDL 1 " + drop.entry(1).uidl(), out.get(1));
        byte[] retrieved = Files.readAllBytes(temp.resolve("got/1.eml"));
        assertArrayEquals(stored, retrieved);
        // What the sender sent is exactly the tail of what the reader got, after the trace headers.
        assertArrayEquals(body, java.util.Arrays.copyOfRange(retrieved, retrieved.length - body.length, retrieved.length));
        assertTrue(new String(retrieved, StandardCharsets.UTF_8).startsWith("Return-Path: <sender@remote.test>\r\n"
                + "Delivered-To: " + acc.login() + "\r\n"));
    }

    @Test
    void importedDovecotMailboxShowsTheOldUidlsToAPop3ClientUsingTheOldPassword() throws Exception {
        String domain = "dove" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        // SHA512-CRYPT of "Old-Pass-Bob-2019" (openssl passwd -6 -salt s4ltS4lt)
        String hash = "$6$s4ltS4lt$AC6Xm9n/0noG6Tdh.hVSh7RT0.bhr0MO7t5ZiL3sP9qgA.BClj84qm3GIZWBos84N0GM0rxq2OBOerTBz2Ucp0";
        Path passwd = Files.writeString(temp.resolve("users"), "bob@" + domain + ":{SHA512-CRYPT}" + hash + ":5000:5000::/home/bob::\n");
        Path maildir = temp.resolve("vmail/" + domain + "/bob/Maildir");
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.writeString(maildir.resolve("dovecot-uidlist"),
                "3 V1650000000 N4 G4f2c\n1 P7d3a91c2 :1650000001.M1.mx\n2 :1650000002.M2.mx\n3 :1650000003.M3.mx\n");
        List<String> contents = new ArrayList<>();
        String[] names = {"cur/1650000001.M1.mx:2,S", "cur/1650000002.M2.mx:2,S", "new/1650000003.M3.mx"};
        for (int i = 0; i < names.length; i++) {
            String c = "Subject: old " + i + "\n\nkept on the server\n.\n";
            contents.add(c);
            Files.writeString(maildir.resolve(names[i]), c);
        }
        ImportReport report = imports.importDovecot(DovecotImport.of(passwd, temp.resolve("vmail")),
                ImportProgress.Listener.NONE);
        assertEquals(3, report.importedMessages(), report.toText());

        List<String> out = fetch("bob@" + domain, "Old-Pass-Bob-2019", temp.resolve("bob"));
        // 1650000000 = 0x62590080: Dovecot's default %08Xu%08Xv where no P value was stored.
        assertEquals(List.of("UIDL 1 7d3a91c2", "UIDL 2 0000000262590080", "UIDL 3 0000000362590080"),
                out.subList(1, 4));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(contents.get(i).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(temp.resolve("bob/" + (i + 1) + ".eml")));
        }
    }
}
