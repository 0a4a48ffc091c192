package io.buzon.lmtp;

import io.buzon.store.Actor;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.Maildrop;
import io.buzon.store.maildrop.MaildropEntry;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.maildrop.MessageReader;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.testing.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LMTP into the real store on PostgreSQL, driven by Python's smtplib.LMTP and raw sockets. */
@QuarkusTest
@TestProfile(LmtpTestProfile.class)
@WithTestResource(PostgresTestResource.class)
class LmtpStoreDeliveryTest {

    @Inject
    LmtpServer server;
    @Inject
    DomainService domains;
    @Inject
    AccountService accounts;
    @Inject
    MaildropService maildrops;
    @Inject
    QuotaService quotas;
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry meters;

    @TempDir
    Path temp;

    private Domain domain() {
        return domains.create(Actor.system("test"), "d" + UUID.randomUUID().toString().substring(0, 10) + ".test", null, null);
    }

    private Account account(Domain d, String local) {
        return accounts.create(Actor.system("test"), local + "@" + d.name(), null);
    }

    private byte[] readBack(long accountId, MaildropEntry entry) throws Exception {
        MessageReader reader = maildrops.reader(accountId, entry.messageId());
        try (InputStream in = reader.asInputStream()) {
            return in.readAllBytes();
        }
    }

    private long contentId(long messageId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select content_id from message where id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void mixedRecipientsAreAnsweredInOrderAndTheBodyIsStoredOnce() throws Exception {
        Domain d = domain();
        Account ok = account(d, "ok");
        Account ok2 = account(d, "ok2");
        Account off = account(d, "off");
        accounts.setEnabled(Actor.system("test"), off.id(), false);
        Account full = account(d, "full");
        accounts.setQuota(Actor.system("test"), full.id(), 10L, null);
        double deliveredBefore = meters.counter("buzon.lmtp.messages.delivered").count();
        double unknownBefore = meters.counter("buzon.lmtp.rejections", "reason", "unknown-user").count();

        byte[] body = ("From: a@remote.test\r\nSubject: caf\u00e9\r\n\r\nline one\n.dotted\r\n..\r\nfin\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(temp.resolve("m.eml"), body);
        List<String> out = PythonLmtpClient.deliver(server.port(), "a@remote.test", file,
                ok.login(), "nobody@" + d.name(), off.login(), full.login(), ok2.login());
        assertEquals("RCPT " + ok.login() + " 250 2.1.5 <" + ok.login() + "> OK", out.get(2));
        assertEquals("RCPT nobody@" + d.name() + " 550 5.1.1 <nobody@" + d.name() + "> User doesn't exist", out.get(3));
        assertEquals("RCPT " + off.login() + " 550 5.2.1 <" + off.login() + "> Mailbox disabled", out.get(4));
        assertEquals("RCPT " + full.login() + " 452 4.2.2 <" + full.login() + "> Mailbox is full", out.get(5));
        assertEquals("RCPT " + ok2.login() + " 250 2.1.5 <" + ok2.login() + "> OK", out.get(6));
        assertTrue(out.get(7).startsWith("DATA " + ok.login() + " 250 2.0.0 <" + ok.login() + ">"), out.get(7));
        assertTrue(out.get(8).startsWith("DATA " + ok2.login() + " 250 2.0.0 <" + ok2.login() + ">"), out.get(8));

        // Python sends bare LF as is; the store normalises line ends to CRLF.
        byte[] expectedBody = ("From: a@remote.test\r\nSubject: caf\u00e9\r\n\r\nline one\r\n.dotted\r\n..\r\nfin\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Maildrop drop = maildrops.open(ok.id());
        assertEquals(1, drop.count());
        byte[] stored = readBack(ok.id(), drop.entry(1));
        String text = new String(stored, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Return-Path: <a@remote.test>\r\nDelivered-To: " + ok.login() + "\r\nReceived: from client.test ("),
                text);
        assertTrue(text.contains("\tby lmtp.test (Buzon) with LMTP id "), text);
        byte[] tail = java.util.Arrays.copyOfRange(stored, stored.length - expectedBody.length, stored.length);
        assertArrayEquals(expectedBody, tail);
        assertEquals(stored.length, drop.entry(1).size(), "stored size is what RETR sends");

        Maildrop drop2 = maildrops.open(ok2.id());
        assertEquals(1, drop2.count());
        assertEquals(contentId(drop.entry(1).messageId()), contentId(drop2.entry(1).messageId()),
                "one shared body for all recipients");
        assertTrue(new String(readBack(ok2.id(), drop2.entry(1)), StandardCharsets.UTF_8)
                .contains("Delivered-To: " + ok2.login() + "\r\n"));
        assertEquals(0, maildrops.open(full.id()).count());
        assertEquals(0, maildrops.open(off.id()).count());
        assertEquals(quotas.recount(ok.id()), quotas.usage(ok.id()));

        assertEquals(deliveredBefore + 2, meters.counter("buzon.lmtp.messages.delivered").count());
        assertEquals(unknownBefore + 1, meters.counter("buzon.lmtp.rejections", "reason", "unknown-user").count());
    }

    @Test
    void pipelinedSessionOverRawSocketAndQuotaExceededAtDataTime() throws Exception {
        Domain d = domain();
        Account ok = account(d, "p1");
        Account small = account(d, "p2");
        accounts.setQuota(Actor.system("test"), small.id(), 300L, null);
        String body = "Subject: pipelined\r\n\r\n" + "x".repeat(400) + "\r\n";
        String transcript = "LHLO raw.test\r\nMAIL FROM:<s@remote.test>\r\nRCPT TO:<" + ok.login() + ">\r\n"
                + "RCPT TO:<" + small.login() + ">\r\nDATA\r\n" + body + ".\r\nQUIT\r\n";
        String replies;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream o = socket.getOutputStream();
            o.write(transcript.getBytes(StandardCharsets.US_ASCII));
            o.flush();
            replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
        String[] lines = replies.split("\r\n");
        assertEquals("250 2.1.5 <" + ok.login() + "> OK", lines[lines.length - 6]);
        assertEquals("250 2.1.5 <" + small.login() + "> OK", lines[lines.length - 5]);
        assertTrue(lines[lines.length - 3].startsWith("250 2.0.0 <" + ok.login() + "> "), replies);
        // Room at RCPT (no SIZE given) but not for the body: refused per recipient after DATA, temporarily.
        assertEquals("452 4.2.2 <" + small.login() + "> Mailbox is full", lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].startsWith("221 "), replies);
        assertEquals(1, maildrops.open(ok.id()).count());
        assertEquals(0, maildrops.open(small.id()).count());
    }

    @Test
    void fiftyMegabytesStreamIntoTheStoreWithBoundedHeap() throws Exception {
        Account big = account(domain(), "big");
        BigMessageFile generated = BigMessageFile.write(temp.resolve("big.eml"), 50L * 1024 * 1024);
        Path file = generated.path();
        long size = generated.size();
        String expected = generated.sha256();
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong();
        java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(liveHeap(), Math::max), 0, 2000,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        List<String> out;
        try {
            out = PythonLmtpClient.deliver(server.port(), "big@remote.test", file, big.login());
        } finally {
            sampler.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(out.get(3).startsWith("DATA " + big.login() + " 250 2.0.0"), out.toString());
        Maildrop drop = maildrops.open(big.id());
        MessageReader reader = maildrops.reader(big.id(), drop.entry(1).messageId());
        MessageDigest readSha = MessageDigest.getInstance("SHA-256");
        byte[] prefix = reader.nextChunk();
        assertTrue(new String(prefix, StandardCharsets.US_ASCII).startsWith("Return-Path: <big@remote.test>\r\n"));
        long bodyBytes = 0;
        for (byte[] chunk; (chunk = reader.nextChunk()) != null; ) {
            readSha.update(chunk);
            bodyBytes += chunk.length;
        }
        assertEquals(size, bodyBytes);
        assertEquals(expected, HexFormat.of().formatHex(readSha.digest()));
        long growth = peak.get() - baseline;
        System.out.printf("LMTP->PostgreSQL 50 MB: %d bytes in %d ms, peak live heap growth %d KiB%n",
                size, millis, growth / 1024);
        assertTrue(growth < 24L * 1024 * 1024, "live heap grew by " + growth + " bytes for a " + size + " byte message");
    }

    private static long liveHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void quotaWarningOncePerCrossingAndAgainAfterUsageDrops() throws Exception {
        Account acc = account(domain(), "warn");
        accounts.setQuota(Actor.system("test"), acc.id(), 10_000L, null);

        long body1 = deliverBody(acc, 4_800); // about 50 %
        long prefix = quotas.usage(acc.id()).bytes() - body1;
        assertEquals(1, maildrops.open(acc.id()).count());

        deliverBody(acc, 8_200 - quotas.usage(acc.id()).bytes() - prefix); // to 82 %: crosses 80
        Maildrop drop = maildrops.open(acc.id());
        assertEquals(3, drop.count(), "the message and one warning");
        String warning = new String(readBack(acc.id(), drop.entry(3)), StandardCharsets.UTF_8);
        assertTrue(warning.contains("Subject: Your mailbox is 80% full\r\n"), warning);
        assertTrue(warning.contains("Auto-Submitted: auto-generated\r\n"), warning);
        assertTrue(quotas.usage(acc.id()).bytes() < 9_500);

        deliverBody(acc, 10); // still between 80 and 95 %
        assertEquals(4, maildrops.open(acc.id()).count(), "no second warning for the same crossing");

        // The user deletes mail: usage drops below 80 %, so the next crossing warns again.
        maildrops.deleteMessages(Actor.system("test"), acc.id(), Set.of(maildrops.open(acc.id()).entry(1).messageId()));
        deliverBody(acc, 10);
        assertEquals(4, maildrops.open(acc.id()).count());
        deliverBody(acc, 8_300 - quotas.usage(acc.id()).bytes() - prefix);
        Maildrop last = maildrops.open(acc.id());
        assertEquals(6, last.count(), "the message and a new warning");
        assertTrue(new String(readBack(acc.id(), last.entry(6)), StandardCharsets.UTF_8)
                .contains("Subject: Your mailbox is 80% full\r\n"));
        assertEquals(quotas.recount(acc.id()), quotas.usage(acc.id()));
    }

    /** Delivers a message whose body is {@code size} octets (CRLF included); returns that size. */
    private long deliverBody(Account to, long size) throws Exception {
        String head = "Subject: f\r\n\r\n";
        String body = head + "z".repeat((int) Math.max(0, size - head.length() - 2)) + "\r\n";
        Path file = Files.writeString(temp.resolve(UUID.randomUUID() + ".eml"), body);
        List<String> out = PythonLmtpClient.deliver(server.port(), "s@remote.test", file, to.login());
        assertTrue(out.get(3).startsWith("DATA " + to.login() + " 250 "), out.toString());
        return body.length();
    }

    @Test
    void tooManyErrorsClosesTheConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("HELO x\r\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            assertTrue(all.toString(StandardCharsets.US_ASCII).endsWith("421 4.7.0 lmtp.test Too many errors, closing connection\r\n"));
        }
    }
}
