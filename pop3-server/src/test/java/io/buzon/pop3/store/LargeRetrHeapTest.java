package io.buzon.pop3.store;

import io.buzon.pop3.it.TestMailboxes;
import io.buzon.pop3.it.TestTls;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7: RETR of a 50 MB message grows the server's heap by less than 16 MiB. The message is streamed
 * into the store (never whole in memory), RETR starts over a real socket, the client reads 2 MB and then
 * stops, so back-pressure holds the rest on the server while the heap is measured after a full GC, against
 * a baseline taken the same way with the session already logged in. Then the rest is read and checked.
 * A server that loaded the message, or queued it past the socket's write limit, would be 48 MB up.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LargeRetrHeapTest {

    private static final long SIZE = 50_000_000;
    private static final long LIMIT = 16L * 1024 * 1024;

    @Inject
    TestMailboxes mailboxes;

    @Inject
    DeliveryService delivery;

    @Inject
    Pop3Listeners listeners;

    @Inject
    MaildropLockService locks;

    @Test
    void aFiftyMegabyteRetrGrowsTheHeapByLessThanSixteenMebibytes() throws Exception {
        Account account = mailboxes.newAccount();
        MessageDigest stored = MessageDigest.getInstance("SHA-256");
        StagedContent staged = delivery.stage(new GeneratedMessage(SIZE, stored));
        try {
            delivery.deliver(account.id(), staged, null, null, null);
        } finally {
            delivery.release(staged);
        }
        String expectedSha = HexFormat.of().formatHex(stored.digest());

        try (Socket plain = new Socket()) {
            // a small window, so the server meets back-pressure soon after the client stops reading
            plain.setReceiveBufferSize(64 * 1024);
            plain.connect(new InetSocketAddress("127.0.0.1", listeners.pop3Port()));
            plain.setSoTimeout(60_000);
            Lines pop = new Lines(plain.getInputStream(), plain.getOutputStream());
            assertTrue(pop.line().startsWith("+OK"));
            assertEquals("+OK Begin TLS negotiation\r\n", pop.command("STLS"));
            SSLSocket tls = (SSLSocket) TestTls.socketFactory(listeners.server().certificatePem())
                    .createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.startHandshake();
            pop = new Lines(tls.getInputStream(), tls.getOutputStream());
            assertTrue(pop.command("USER " + account.login()).startsWith("+OK"));
            assertTrue(pop.command("PASS " + TestMailboxes.PASSWORD).startsWith("+OK Logged in, 1 messages"));

            long baseline = heapAfterGc();
            assertEquals("+OK " + SIZE + " octets\r\n", pop.command("RETR 1"));
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long octets = pop.body(received, 2_000_000);
            assertTrue(octets >= 2_000_000 && octets < SIZE, "read " + octets);
            awaitServerStalled(account);
            long growth = heapAfterGc() - baseline;
            assertTrue(growth < LIMIT, "heap grew by " + growth + " bytes while the RETR was held");

            octets += pop.body(received, Long.MAX_VALUE);
            assertEquals(SIZE, octets);
            assertEquals(expectedSha, HexFormat.of().formatHex(received.digest()));
            assertEquals("+OK Bye, 0 messages deleted\r\n", pop.command("QUIT"));
        }
    }

    /** The session's octet count (reported by the 1 s lease heartbeat) stopped moving: the server waits. */
    private void awaitServerStalled(Account account) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            long sent = locks.listActive().stream().filter(s -> s.accountId() == account.id())
                    .mapToLong(s -> s.bytesSent()).findFirst().orElse(-2);
            return sent > 2_000_000 && last.getAndSet(sent) == sent;
        });
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // the lowest of a few full collections, so garbage of the moment does not count
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A line-at-a-time POP3 client that un-stuffs and hashes a body without keeping it. */
    private static final class Lines {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] line = new byte[4096];

        Lines(InputStream in, OutputStream out) {
            this.in = new BufferedInputStream(in, 16 * 1024);
            this.out = out;
        }

        String command(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return line();
        }

        String line() throws IOException {
            int n = read();
            return new String(line, 0, n, StandardCharsets.UTF_8);
        }

        /** Body octets (un-stuffed) until at least {@code atLeast} were read or the terminator came. */
        long body(MessageDigest digest, long atLeast) throws IOException {
            long octets = 0;
            while (octets < atLeast) {
                int n = read();
                if (n == 3 && line[0] == '.') {
                    return octets;
                }
                int skip = line[0] == '.' ? 1 : 0;
                digest.update(line, skip, n - skip);
                octets += n - skip;
            }
            return octets;
        }

        /** One line with its CRLF into {@link #line}; its length. */
        private int read() throws IOException {
            int n = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + new String(line, 0, n, StandardCharsets.UTF_8));
                }
                line[n++] = (byte) b;
                if (n >= 2 && line[n - 2] == '\r' && b == '\n') {
                    return n;
                }
            }
        }
    }

    /** CRLF lines, every tenth starting with a dot, exactly {@code size} octets, hashed as generated. */
    private static final class GeneratedMessage extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private byte[] current = new byte[0];
        private int pos;
        private long produced;
        private long lineNo;

        GeneratedMessage(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length && !refill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean refill() {
            if (produced >= size) {
                return false;
            }
            pending.reset();
            while (pending.size() < 64 * 1024 && produced + pending.size() < size) {
                String text = (lineNo == 0 ? "Subject: fifty megabytes" : (lineNo % 10 == 0 ? "." : "") + "line " + lineNo
                        + " " + "z".repeat(60));
                lineNo++;
                byte[] l = (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
                long room = size - produced - pending.size();
                if (l.length > room) {
                    // the last line fills the exact size (room is at least 2, see below)
                    l = ("z".repeat((int) room - 2) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                } else if (room - l.length == 1) {
                    // never leave a single octet: it could not be a CRLF line
                    l = (text.substring(0, text.length() - 1) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                }
                pending.writeBytes(l);
            }
            current = pending.toByteArray();
            pos = 0;
            produced += current.length;
            digest.update(current);
            return true;
        }
    }
}
