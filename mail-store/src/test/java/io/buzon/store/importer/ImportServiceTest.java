package io.buzon.store.importer;

import io.buzon.store.Actor;
import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Argon2;
import com.password4j.types.Bcrypt;
import io.buzon.store.importer.ImportReport.AccountResult;
import io.buzon.store.importer.ImportReport.PasswordOutcome;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.Maildrop;
import io.buzon.store.maildrop.MaildropEntry;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import of a generated Dovecot installation (passwd-file + Maildirs), mbox and .eml into the real store. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ImportServiceTest {

    private static final String SHA512_HASH_OF_BOB =
            "$6$s4ltS4lt$AC6Xm9n/0noG6Tdh.hVSh7RT0.bhr0MO7t5ZiL3sP9qgA.BClj84qm3GIZWBos84N0GM0rxq2OBOerTBz2Ucp0";

    @Inject
    ImportService imports;
    @Inject
    AccountService accounts;
    @Inject
    DomainService domains;
    @Inject
    MaildropService maildrops;
    @Inject
    AuthService auth;
    @Inject
    PasswordService passwords;
    @Inject
    ImportJobs jobs;

    @TempDir
    Path dir;

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String message(String subject) {
        // Maildir files have LF line ends; the store keeps CRLF.
        return "From: someone@remote.test\nTo: user\nSubject: " + subject + "\n\nBody of " + subject + "\n.\nend\n";
    }

    private byte[] content(long accountId, MaildropEntry e) throws Exception {
        try (InputStream in = maildrops.reader(accountId, e.messageId()).asInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dovecotUsersMailAndUidlsArrivePasswordsWorkAndASecondRunImportsNothing() throws Exception {
        String domain = "mig" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String bcrypt = Password.hash("Alice-Old-Secret-1").with(BcryptFunction.getInstance(Bcrypt.Y, 5)).getResult();
        String argon = Password.hash("Dave-Old-Secret-4").addRandomSalt(16)
                .with(Argon2Function.getInstance(1024, 2, 1, 32, Argon2.ID, 19)).getResult();
        Path passwd = write(dir.resolve("users"), String.join("\n",
                "# exported from dovecot",
                "alice@" + domain + ":{BLF-CRYPT}" + bcrypt + ":5000:5000::/nonexistent/alice::",
                "bob@" + domain.toUpperCase() + ":{SHA512-CRYPT}" + SHA512_HASH_OF_BOB + ":5000:5000::/nonexistent/bob",
                "carol@" + domain + ":{PLAIN}carol-plain:5000:5000::/nonexistent/carol",
                "dave@" + domain + ":{ARGON2ID}" + argon + ":5000:5000::/nonexistent/dave",
                "broken line without fields",
                "") + "\n");
        Path root = dir.resolve("vmail");
        Path alice = root.resolve(domain + "/alice/Maildir");
        write(alice.resolve("dovecot-uidlist"), "3 V1600000000 N6 G8d2a0e1f\n"
                + "1 P1234abcd W300 :1600000001.M1P1.mx,S=80\n"
                + "2 W200 :1600000002.M2P2.mx,S=80\n"
                + "3 :1600000003.M3P3.mx\n"
                + "5 P<kept-from-old-server> :1600000005.M5P5.mx\n");
        write(alice.resolve("cur/1600000001.M1P1.mx,S=80:2,S"), message("one"));
        write(alice.resolve("cur/1600000002.M2P2.mx,S=80:2,RS"), message("two"));
        write(alice.resolve("new/1600000003.M3P3.mx"), message("three"));
        write(alice.resolve("cur/1600000005.M5P5.mx:2,"), message("five"));
        write(alice.resolve("new/1600000009.M9P9.mx"), message("not yet seen by dovecot"));
        write(alice.resolve(".Trash/cur/1600000004.M4P4.mx:2,ST"), message("trash"));
        Files.createDirectories(alice.resolve("tmp"));
        Path bob = root.resolve(domain + "/bob"); // the %d/%n layout, no Maildir sub-directory
        write(bob.resolve("dovecot-uidlist"), "3 V1700000000 N2\n1 :1700000001.M1.mx,S=70\n");
        write(bob.resolve("cur/1700000001.M1.mx,S=70:2,S"), message("bob's"));

        List<ImportProgress> progress = new ArrayList<>();
        ImportReport first = imports.importDovecot(DovecotImport.of(passwd, root), progress::add);

        Map<String, AccountResult> byLogin = first.accounts().stream()
                .collect(Collectors.toMap(AccountResult::login, Function.identity()));
        assertEquals(4, byLogin.size(), first.toText());
        assertEquals(PasswordOutcome.IMPORTED, byLogin.get("alice@" + domain).password());
        assertEquals(PasswordOutcome.IMPORTED, byLogin.get("bob@" + domain).password());
        assertEquals(PasswordOutcome.IMPORTED, byLogin.get("dave@" + domain).password());
        assertEquals(PasswordOutcome.UNSUPPORTED_SCHEME, byLogin.get("carol@" + domain).password());
        assertTrue(byLogin.values().stream().allMatch(AccountResult::created));
        assertEquals(6, first.importedMessages(), first.toText());
        assertEquals(0, first.skippedMessages(), first.toText());
        assertEquals(List.of("users line 6: user name contains spaces or control characters"), first.problems());
        assertTrue(first.skipped().stream().anyMatch(s -> s.origin() != null && s.origin().equals(".Trash")
                && s.reason().contains("only the INBOX")), first.toText());
        assertTrue(first.skipped().stream().anyMatch(s -> s.login().equals("carol@" + domain)
                && s.reason().contains("{PLAIN}")), first.toText());
        ImportProgress last = progress.get(progress.size() - 1);
        assertEquals(4, last.accountsDone());
        assertEquals(4, last.accountsTotal());
        assertEquals(6, last.imported());

        // The UIDLs POP3 clients saw on Dovecot, in Dovecot's order; 1600000000 = 0x5f5e1000.
        Account a = accounts.findByLogin("alice@" + domain).orElseThrow();
        Maildrop drop = maildrops.open(a.id());
        assertEquals(List.of("1234abcd", "000000025f5e1000", "000000035f5e1000", "<kept-from-old-server>",
                        MaildirReader.generatedUidl("1600000009.M9P9.mx")),
                drop.entries().stream().map(MaildropEntry::uidl).toList());
        assertArrayEquals(crlf(message("one")), content(a.id(), drop.entry(1)));
        assertArrayEquals(crlf(message("not yet seen by dovecot")), content(a.id(), drop.entry(5)));
        assertEquals(crlf(message("two")).length, drop.entry(2).size());
        Account b = accounts.findByLogin("bob@" + domain).orElseThrow();
        assertEquals(List.of("000000016553f100"),
                maildrops.open(b.id()).entries().stream().map(MaildropEntry::uidl).toList());

        // The old passwords work; the imported hash is replaced by argon2id at the first login.
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate("alice@" + domain, "Alice-Old-Secret-1", "pop3", "127.0.0.1").outcome());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate("bob@" + domain, "Old-Pass-Bob-2019", "pop3", "127.0.0.1").outcome());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate("dave@" + domain, "Dave-Old-Secret-4", "pop3", "127.0.0.1").outcome());
        assertEquals(AuthOutcome.INVALID, auth.authenticate("bob@" + domain, "wrong", "pop3", "127.0.0.1").outcome());
        assertTrue(passwords.storedPassword(a.id()).orElseThrow().hash().startsWith("$argon2id$"));

        // Second run: nothing new, every message recognised, passwords left alone.
        ImportReport second = imports.importDovecot(DovecotImport.of(passwd, root), ImportProgress.Listener.NONE);
        assertEquals(0, second.importedMessages(), second.toText());
        assertEquals(6, second.skippedMessages(), second.toText());
        assertTrue(second.skipped().stream().filter(s -> s.origin() != null && !s.origin().startsWith("."))
                .allMatch(s -> s.reason().startsWith("already imported")), second.toText());
        assertTrue(second.accounts().stream().noneMatch(AccountResult::created));
        assertTrue(second.accounts().stream().allMatch(r -> r.password() == PasswordOutcome.KEPT_EXISTING));
        assertEquals(5, maildrops.open(a.id()).count());
        assertEquals(AuthOutcome.SUCCESS, auth.authenticate("alice@" + domain, "Alice-Old-Secret-1", "pop3", "127.0.0.1").outcome());
    }

    @Test
    void mboxAndEmlIntoAnExistingAccountOnce() throws Exception {
        String domain = "box" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account acc = accounts.create(Actor.system("test"), "eve@" + domain, null);
        Path mbox = write(dir.resolve("inbox.mbox"), "From x@remote.test Sat Nov 28 12:00:00 2026\n"
                + "X-UIDL: UID77-1\nStatus: RO\nSubject: m1\n\n>From quoted\nbody\n\n"
                + "From y@remote.test Sat Nov 28 12:05:00 2026\nSubject: m2\n\nsecond\n");
        ImportReport r1 = imports.importMbox(Actor.system("test"), acc.login(), mbox, ImportProgress.Listener.NONE);
        assertEquals(2, r1.importedMessages(), r1.toText());
        Maildrop drop = maildrops.open(acc.id());
        assertEquals("UID77-1", drop.entry(1).uidl());
        assertArrayEquals(crlf("X-UIDL: UID77-1\nSubject: m1\n\nFrom quoted\nbody\n"), content(acc.id(), drop.entry(1)));
        assertEquals(0, imports.importMbox(Actor.system("test"), acc.login(), mbox, null).importedMessages());

        Path eml = write(dir.resolve("eml/a.eml"), "Subject: e1\r\n\r\neml body\r\n");
        write(dir.resolve("eml/b.eml"), "Subject: e2\r\n\r\nother\r\n");
        ImportReport e1 = imports.importEml(Actor.system("test"), acc.login(), eml.getParent(), null);
        assertEquals(2, e1.importedMessages(), e1.toText());
        ImportReport e2 = imports.importEml(Actor.system("test"), acc.login(), eml.getParent(), null);
        assertEquals(0, e2.importedMessages());
        assertEquals(2, e2.skippedMessages());
        assertEquals(4, maildrops.open(acc.id()).count());

        ImportReport missing = imports.importEml(Actor.system("test"), "nobody@" + domain, eml.getParent(), null);
        assertEquals("no such account; create it first", missing.skipped().get(0).reason());
    }

    @Test
    void backgroundJobReportsProgressThenItsReport() throws Exception {
        String domain = "job" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        Account acc = accounts.create(Actor.system("test"), "jo@" + domain, null);
        Path emlDir = dir.resolve("job-eml");
        for (int i = 0; i < 3; i++) {
            write(emlDir.resolve("m" + i + ".eml"), "Subject: job " + i + "\r\n\r\nbody " + i + "\r\n");
        }
        String id = jobs.start("eml for " + acc.login(), "console:admin",
                (service, listener) -> service.importEml(Actor.system("console:admin"), acc.login(), emlDir, listener));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                .until(() -> jobs.find(id).orElseThrow().state() == ImportJobs.State.DONE);
        ImportJobs.Job job = jobs.find(id).orElseThrow();
        assertEquals(3, job.report().importedMessages());
        assertEquals(1, job.progress().accountsDone());
        assertEquals(3, job.progress().imported());
        assertTrue(jobs.list().stream().anyMatch(j -> j.id().equals(id)));

        String failing = jobs.startDovecot(DovecotImport.of(dir.resolve("no-such-passwd"), null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                .until(() -> jobs.find(failing).orElseThrow().state() == ImportJobs.State.FAILED);
        assertTrue(jobs.find(failing).orElseThrow().error().contains("no-such-passwd"));
    }
}
