package io.buzon.store.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file formats of a Dovecot installation, read without a database. */
class MigrationReadersTest {

    @TempDir
    Path dir;

    @Test
    void passwdFileEntriesSchemesAndProblems() throws Exception {
        Path file = Files.writeString(dir.resolve("passwd"), String.join("\n",
                "# users",
                "alice@Example.ORG:{BLF-CRYPT}$2y$05$abcdefghijklmnopqrstuv:1000:1000::/home/alice::userdb_quota_rule=*:storage=1G",
                "bob@example.org:{SHA512-CRYPT}$6$salt$hash:1001:1001::/home/bob",
                "carol@example.org:$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA:::",
                "dave@example.org:{PLAIN}secret:::",
                "",
                ":nouser:::",
                "eve@example.org:{BROKEN:::") + "\n");
        PasswdFile.Contents c = PasswdFile.read(file);
        assertEquals(4, c.entries().size());
        PasswdEntry alice = c.entries().get(0);
        assertEquals("alice@example.org", alice.login());
        assertEquals("BLF-CRYPT", alice.scheme());
        assertEquals(Optional.of("$2y$05$abcdefghijklmnopqrstuv"), alice.importableHash());
        assertEquals("/home/alice", alice.home());
        assertEquals(Map.of("userdb_quota_rule", "*:storage=1G"), alice.extraFields());
        assertEquals(Optional.of("$6$salt$hash"), c.entries().get(1).importableHash());
        assertEquals("CRYPT", c.entries().get(2).scheme());
        assertTrue(c.entries().get(2).importableHash().orElseThrow().startsWith("$argon2id$"));
        assertEquals(Optional.empty(), c.entries().get(3).importableHash());
        assertEquals(List.of(new PasswdFile.Problem(7, "empty user name"),
                new PasswdFile.Problem(8, "password scheme without closing brace")), c.problems());
    }

    @Test
    void uidListVersion3WithStoredAndDefaultUidls() throws Exception {
        Path maildir = maildir("m1");
        Files.writeString(maildir.resolve("dovecot-uidlist"), "3 V1700000000 N4 G0123456789abcdef\n"
                + "1 P<legacy-1> W120 :1700000001.M1P1.host,S=10\n"
                + "2 W99 :1700000002.M2P2.host,S=11\n"
                + "3 G0123 :1700000003.M3P3.host\n");
        Files.writeString(maildir.resolve("cur/1700000002.M2P2.host,S=11:2,S"), "b");
        Files.writeString(maildir.resolve("cur/1700000001.M1P1.host,S=10:2,"), "a");
        Files.writeString(maildir.resolve("new/1700000003.M3P3.host"), "c");
        Files.writeString(maildir.resolve("new/1700000009.M9P9.host"), "d");
        Files.createDirectories(maildir.resolve(".Sent/cur"));
        MaildirReader.Listing listing = MaildirReader.read(maildir);
        List<String> uidls = listing.messages().stream().map(MessageSource::uidl).toList();
        assertEquals(List.of("<legacy-1>", "000000026553f100", "000000036553f100",
                MaildirReader.generatedUidl("1700000009.M9P9.host")), uidls);
        assertEquals(Instant.ofEpochSecond(1700000001L), listing.messages().get(0).receivedAt());
        assertEquals(List.of(".Sent"), listing.skippedFolders());
        assertEquals("cur/1700000001.M1P1.host,S=10:2,", listing.messages().get(0).origin());
    }

    @Test
    void uidListVersion1() throws Exception {
        Path maildir = maildir("m2");
        Files.writeString(maildir.resolve("dovecot-uidlist"), "1 1234 3\n1 a.host:2,\n2 b.host\n");
        Files.writeString(maildir.resolve("cur/b.host:2,S"), "b");
        Files.writeString(maildir.resolve("cur/a.host:2,"), "a");
        List<String> uidls = MaildirReader.read(maildir).messages().stream().map(MessageSource::uidl).toList();
        assertEquals(List.of("00000001000004d2", "00000002000004d2"), uidls);
    }

    @Test
    void mboxSplitsUnquotesAndHidesInternalHeaders() throws Exception {
        Path mbox = Files.writeString(dir.resolve("inbox.mbox"), "From a@x Sat Nov 28 12:00:00 2026\n"
                + "X-IMAPbase: 1600000000 3\n"
                + "X-UID: 1\n"
                + "Status: RO\n"
                + "Subject: one\n"
                + "\n"
                + ">From the start\n"
                + ">>From deeper\n"
                + "From inside a paragraph is not a separator\n"
                + "\n"
                + "From b@x Sun Nov 29  1:02:03 2026\n"
                + "X-UIDL: kept-uidl\n"
                + "Subject: two\n"
                + "\n"
                + "body\n"
                + "\n"
                + "From c@x Sun Nov 29 01:02:04 2026\n"
                + "Subject: three\n"
                + "\n"
                + "last\n", StandardCharsets.ISO_8859_1);
        List<String> bodies = new ArrayList<>();
        List<MessageSource> sources = new ArrayList<>();
        int n = MboxReader.read(mbox, dir, m -> {
            bodies.add(Files.readString(m.file(), StandardCharsets.ISO_8859_1));
            sources.add(m);
        });
        assertEquals(3, n);
        assertEquals("Subject: one\n\nFrom the start\n>From deeper\nFrom inside a paragraph is not a separator\n",
                bodies.get(0));
        assertEquals("X-UIDL: kept-uidl\nSubject: two\n\nbody\n", bodies.get(1));
        assertEquals("Subject: three\n\nlast\n", bodies.get(2));
        assertEquals("000000015f5e1000", sources.get(0).uidl());
        assertEquals("kept-uidl", sources.get(1).uidl());
        assertTrue(sources.get(2).uidl().matches("mb[0-9a-f]{40}"));
        assertEquals(Instant.parse("2026-11-28T12:00:00Z"), sources.get(0).receivedAt());
        assertEquals(Instant.parse("2026-11-29T01:02:03Z"), sources.get(1).receivedAt());
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "spool files are deleted after each message");
        }
    }

    @Test
    void emlUidlFollowsContent() throws Exception {
        Path eml = dir.resolve("eml");
        Files.createDirectories(eml);
        Files.writeString(eml.resolve("b.eml"), "Subject: b\n\nB\n");
        Files.writeString(eml.resolve("a.eml"), "Subject: a\n\nA\n");
        Files.writeString(eml.resolve("notes.txt"), "ignored");
        List<MessageSource> list = EmlReader.read(eml);
        assertEquals(List.of("a.eml", "b.eml"), list.stream().map(MessageSource::origin).toList());
        assertEquals(EmlReader.read(eml).get(0).uidl(), list.get(0).uidl());
        assertTrue(list.get(0).uidl().matches("em[0-9a-f]{40}"));
        assertTrue(!list.get(0).uidl().equals(list.get(1).uidl()));
    }

    private Path maildir(String name) throws Exception {
        Path m = dir.resolve(name);
        Files.createDirectories(m.resolve("cur"));
        Files.createDirectories(m.resolve("new"));
        Files.createDirectories(m.resolve("tmp"));
        return m;
    }
}
