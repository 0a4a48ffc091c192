package io.buzon.lmtp;

import io.buzon.lmtp.LmtpBackend.Verdict;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vert.x listener over real sockets, with Python's smtplib.LMTP as the client. The store is replaced
 * by a worker-thread digest here; {@code LmtpDeliveryIT}-style tests with PostgreSQL are in
 * {@link LmtpStoreDeliveryTest}.
 */
class LmtpListenerSocketTest {

    private static final long MAX = 64L * 1024 * 1024;

    private Vertx vertx;
    private ThreadedBackend backend;
    private LmtpListener listener;
    private int port;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        backend = new ThreadedBackend();
        backend.verdicts.put("ok@example.org", Verdict.OK);
        backend.verdicts.put("ok2@example.org", Verdict.OK);
        backend.verdicts.put("off@example.org", Verdict.DISABLED);
        backend.verdicts.put("full@example.org", Verdict.OVER_QUOTA);
        LmtpSettings settings = new LmtpSettings("mx.test", MAX, true, 2048, 100, 10, List.of(80, 95));
        listener = new LmtpListener(vertx, settings, backend, LmtpSession.Events.NONE, Duration.ofMinutes(1), 10);
        port = listener.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        listener.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        backend.close();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void pythonClientMixedOutcomesEightBitAndDotLines() throws Exception {
        byte[] body = ("From: a@remote.test\r\nSubject: =?utf-8?q?hola?=\r\n\r\n"
                + "Se\u00f1or, caf\u00e9\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n").getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(temp.resolve("body.eml"), body);
        List<String> out = PythonLmtpClient.deliver(port, "a@remote.test", file,
                "ok@example.org", "nobody@example.org", "off@example.org", "full@example.org", "ok2@example.org");
        assertEquals(List.of(
                "LHLO 250 8bitmime,chunking,enhancedstatuscodes,pipelining,size",
                "MAIL 250 2.1.0 OK",
                "RCPT ok@example.org 250 2.1.5 <ok@example.org> OK",
                "RCPT nobody@example.org 550 5.1.1 <nobody@example.org> User doesn't exist",
                "RCPT off@example.org 550 5.2.1 <off@example.org> Mailbox disabled",
                "RCPT full@example.org 452 4.2.2 <full@example.org> Mailbox is full",
                "RCPT ok2@example.org 250 2.1.5 <ok2@example.org> OK"), out.subList(0, 7));
        assertTrue(out.get(7).matches("DATA ok@example.org 250 2\\.0\\.0 <ok@example.org> \\S+ Saved"), out.get(7));
        assertTrue(out.get(8).matches("DATA ok2@example.org 250 2\\.0\\.0 <ok2@example.org> \\S+ Saved"), out.get(8));
        assertEquals("QUIT 221", out.get(9));
        String digest = sha256(body);
        assertEquals(List.of("ok@example.org " + body.length + " " + digest, "ok2@example.org " + body.length + " " + digest),
                backend.deliveries);
    }

    @Test
    void rawPipelinedCommandsInOneWrite() throws Exception {
        String transcript = "LHLO raw.test\r\nMAIL FROM:<>\r\nRCPT TO:<ok@example.org>\r\nRCPT TO:<x@example.org>\r\n"
                + "DATA\r\nSubject: x\r\n\r\n..\r\n.\r\nNOOP\r\nQUIT\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream o = socket.getOutputStream();
            o.write(transcript.getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(replies.startsWith("220 mx.test Buzon LMTP ready\r\n250-mx.test\r\n"), replies);
            assertTrue(replies.matches("(?s).*250 CHUNKING\r\n250 2\\.1\\.0 OK\r\n250 2\\.1\\.5 <ok@example\\.org> OK\r\n"
                    + "550 5\\.1\\.1 <x@example\\.org> User doesn't exist\r\n354 [^\r]*\r\n"
                    + "250 2\\.0\\.0 <ok@example\\.org> \\S+ Saved\r\n250 2\\.0\\.0 OK\r\n221 2\\.0\\.0 [^\r]*\r\n"), replies);
        }
        assertEquals(List.of("ok@example.org 17 " + sha256("Subject: x\r\n\r\n.\r\n".getBytes(StandardCharsets.US_ASCII))),
                backend.deliveries);
    }

    @Test
    void bdatOverTheWire() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream o = socket.getOutputStream();
            o.write("LHLO raw.test\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<ok@example.org>\r\nBDAT 5\r\nab\r\n.BDAT 3 LAST\r\nc\r\nQUIT\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(replies.matches("(?s).*250 2\\.1\\.5 <ok@example\\.org> OK\r\n250 2\\.0\\.0 5 octets received\r\n"
                    + "250 2\\.0\\.0 <ok@example\\.org> \\S+ Saved\r\n221 .*"), replies);
        }
        assertEquals(List.of("ok@example.org 8 " + sha256("ab\r\n.c\r\n".getBytes(StandardCharsets.US_ASCII))),
                backend.deliveries);
    }

    @Test
    void fiftyMegabyteMessageStreamsWithBoundedMemory() throws Exception {
        BigMessageFile generated = BigMessageFile.write(temp.resolve("big.eml"), 50L * 1024 * 1024);
        Path file = generated.path();
        long size = generated.size();
        String expected = generated.sha256();
        long baseline = liveHeap();
        AtomicLong midTransfer = new AtomicLong(-1);
        long half = size / 2;
        backend.progress = n -> {
            if (midTransfer.get() < 0 && n >= half) {
                midTransfer.set(liveHeap());
            }
        };
        List<String> out = PythonLmtpClient.deliver(port, "big@remote.test", file, "ok@example.org");
        assertTrue(out.get(3).startsWith("DATA ok@example.org 250 2.0.0"), out.toString());
        assertEquals(List.of("ok@example.org " + size + " " + expected), backend.deliveries);
        long growth = midTransfer.get() - baseline;
        System.out.printf("LMTP 50 MB: %d bytes, live heap growth mid-transfer %d KiB%n", size, growth / 1024);
        assertTrue(growth < 16L * 1024 * 1024, "live heap grew by " + growth + " bytes while receiving " + size);
    }

    private static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void idleAndTooManyErrorsAndQuitCloseTheSocket() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream o = socket.getOutputStream();
            o.write("X\r\n".repeat(11).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.US_ASCII);
            assertTrue(text.endsWith("421 4.7.0 mx.test Too many errors, closing connection\r\n"), text);
        }
    }

    @Test
    void idleSessionsConnectionLimitAndShutdownGet421() throws Exception {
        LmtpSettings settings = new LmtpSettings("mx.test", MAX, true, 2048, 100, 10, List.of());
        LmtpListener small = new LmtpListener(vertx, settings, backend, LmtpSession.Events.NONE, Duration.ofSeconds(1), 1);
        int smallPort = small.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
        try (Socket first = new Socket("127.0.0.1", smallPort)) {
            first.setSoTimeout(15_000);
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("220 mx.test Buzon LMTP ready", in.readLine());
            try (Socket second = new Socket("127.0.0.1", smallPort)) {
                second.setSoTimeout(15_000);
                assertEquals("421 4.3.2 mx.test Too many connections, try later\r\n",
                        new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            // Nothing sent for longer than the idle timeout.
            assertEquals("421 4.4.2 mx.test Idle timeout, closing connection", in.readLine());
            assertEquals(null, in.readLine());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> small.openConnections() == 0);
        try (Socket third = new Socket("127.0.0.1", smallPort)) {
            third.setSoTimeout(15_000);
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(third.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("220 mx.test Buzon LMTP ready", in.readLine());
            small.close().toCompletionStage().toCompletableFuture().join();
            assertEquals("421 4.4.2 mx.test Service shutting down", in.readLine());
        }
    }
}
