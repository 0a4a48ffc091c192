package io.buzon.lmtp;

import io.buzon.lmtp.LmtpBackend.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol core without a socket: transcripts in, replies out, fed in every possible split. */
class LmtpSessionTest {

    private static final LmtpSettings SETTINGS =
            new LmtpSettings("mx.test", 1000, true, 512, 3, 5, List.of(80, 95));

    private InMemoryBackend backend;
    private Wire wire;

    static final class Wire implements LmtpSession.Transport {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean closed;
        int pauses;
        int resumes;

        @Override
        public void write(byte[] bytes) {
            out.writeBytes(bytes);
        }

        @Override
        public void pause() {
            pauses++;
        }

        @Override
        public void resume() {
            resumes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @BeforeEach
    void setUp() {
        backend = new InMemoryBackend();
        backend.verdicts.put("ok@example.org", Verdict.OK);
        backend.verdicts.put("ok2@example.org", Verdict.OK);
        backend.verdicts.put("off@example.org", Verdict.DISABLED);
        backend.verdicts.put("full@example.org", Verdict.OVER_QUOTA);
    }

    private LmtpSession session(LmtpSettings settings) {
        wire = new Wire();
        LmtpSession s = new LmtpSession(settings, backend, wire, Runnable::run, LmtpSession.Events.NONE,
                "192.0.2.7", "S1");
        s.start();
        return s;
    }

    private String run(String transcript, int step) {
        setUp();
        LmtpSession s = session(SETTINGS);
        byte[] in = transcript.getBytes(StandardCharsets.ISO_8859_1);
        for (int pos = 0; pos < in.length; pos += step) {
            s.receive(java.util.Arrays.copyOfRange(in, pos, Math.min(in.length, pos + step)));
        }
        return wire.text();
    }

    /** Like {@link #run} but backend completions come back later, as they do on an event loop. */
    private String runDeferred(String transcript, int step) {
        setUp();
        java.util.ArrayDeque<Runnable> later = new java.util.ArrayDeque<>();
        wire = new Wire();
        LmtpSession s = new LmtpSession(SETTINGS, deferred(backend, later), wire, later::add, LmtpSession.Events.NONE,
                "192.0.2.7", "S1");
        s.start();
        byte[] in = transcript.getBytes(StandardCharsets.ISO_8859_1);
        for (int pos = 0; pos < in.length; pos += step) {
            s.receive(java.util.Arrays.copyOfRange(in, pos, Math.min(in.length, pos + step)));
            while (!later.isEmpty()) {
                later.poll().run();
            }
        }
        assertTrue(wire.closed, "QUIT closes");
        return wire.text();
    }

    /** Every backend answer completes only when the test runs the queued tasks, like a worker thread would. */
    private static LmtpBackend deferred(LmtpBackend real, java.util.Queue<Runnable> later) {
        return new LmtpBackend() {
            <T> java.util.concurrent.CompletionStage<T> defer(java.util.concurrent.CompletionStage<T> stage) {
                java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
                later.add(() -> stage.whenComplete((v, e) -> {
                    if (e != null) {
                        f.completeExceptionally(e);
                    } else {
                        f.complete(v);
                    }
                }));
                return f;
            }

            @Override
            public java.util.concurrent.CompletionStage<RecipientCheck> checkRecipient(String address, long size) {
                return defer(real.checkRecipient(address, size));
            }

            @Override
            public BodySink openBody() {
                BodySink sink = real.openBody();
                return new BodySink() {
                    @Override
                    public java.util.concurrent.CompletionStage<Void> write(byte[] data, int length) {
                        return defer(sink.write(data, length));
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<StagedBody> finish() {
                        return defer(sink.finish());
                    }

                    @Override
                    public void abort() {
                        sink.abort();
                    }
                };
            }

            @Override
            public java.util.concurrent.CompletionStage<List<DeliveryOutcome>> deliver(StagedBody body,
                    List<Delivery> deliveries, java.time.Instant receivedAt) {
                return defer(real.deliver(body, deliveries, receivedAt));
            }
        };
    }

    @Test
    void deferredCompletionsKeepOrderAndPauseReading() {
        for (int step = 1; step <= PIPELINED.length(); step += 7) {
            assertEquals(EXPECTED, runDeferred(PIPELINED, step), "split every " + step + " bytes");
            assertEquals(2, backend.delivered.size());
            assertTrue(wire.pauses > 0);
        }
    }

    private static final String PIPELINED = "LHLO mta.test\r\n"
            + "MAIL FROM:<sender@remote.test> SIZE=40 BODY=8BITMIME\r\n"
            + "RCPT TO:<ok@example.org>\r\n"
            + "RCPT TO:<nobody@example.org>\r\n"
            + "RCPT TO:<off@example.org>\r\n"
            + "RCPT TO:<full@example.org>\r\n"
            + "RCPT TO:<ok2@example.org>\r\n"
            + "DATA\r\n"
            + "Subject: caf\u00e9\r\n\r\n..dot\r\nline\r\n.\r\n"
            + "QUIT\r\n";

    private static final String EXPECTED = "220 mx.test Buzon LMTP ready\r\n"
            + "250-mx.test\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-SIZE 1000\r\n"
            + "250 CHUNKING\r\n"
            + "250 2.1.0 OK\r\n"
            + "250 2.1.5 <ok@example.org> OK\r\n"
            + "550 5.1.1 <nobody@example.org> User doesn't exist\r\n"
            + "550 5.2.1 <off@example.org> Mailbox disabled\r\n"
            + "452 4.2.2 <full@example.org> Mailbox is full\r\n"
            + "250 2.1.5 <ok2@example.org> OK\r\n"
            + "354 Start mail input; end with <CRLF>.<CRLF>\r\n"
            + "250 2.0.0 <ok@example.org> S1 Saved\r\n"
            + "250 2.0.0 <ok2@example.org> S1 Saved\r\n"
            + "221 2.0.0 mx.test closing connection\r\n";

    @Test
    void pipelinedTranscriptGivesTheSameRepliesWhateverThePacketSplit() {
        for (int step = 1; step <= PIPELINED.length(); step++) {
            assertEquals(EXPECTED, run(PIPELINED, step), "split every " + step + " bytes");
            assertTrue(wire.closed);
            assertEquals(2, backend.delivered.size());
            for (InMemoryBackend.Copy copy : backend.delivered) {
                assertEquals("Subject: caf\u00e9\r\n\r\n.dot\r\nline\r\n", copy.body(), "split " + step);
            }
            assertEquals(List.of("ok@example.org/40", "nobody@example.org/40", "off@example.org/40",
                    "full@example.org/40", "ok2@example.org/40"), backend.checked);
        }
    }

    @Test
    void traceHeadersArePerRecipient() {
        run(PIPELINED, PIPELINED.length());
        InMemoryBackend.Copy first = backend.delivered.get(0);
        assertEquals("ok@example.org", first.address());
        String[] lines = first.prefix().split("\r\n");
        assertEquals("Return-Path: <sender@remote.test>", lines[0]);
        assertEquals("Delivered-To: ok@example.org", lines[1]);
        assertEquals("Received: from mta.test (192.0.2.7)", lines[2]);
        assertEquals("\tby mx.test (Buzon) with LMTP id S1", lines[3]);
        assertTrue(lines[4].startsWith("\tfor <ok@example.org>; "), lines[4]);
        assertTrue(first.prefix().endsWith("\r\n"));
        assertTrue(backend.delivered.get(1).prefix().contains("Delivered-To: ok2@example.org\r\n"));
    }

    @Test
    void sequenceAndSyntaxErrors() {
        LmtpSession s = session(SETTINGS);
        s.receive(("HELO x\r\nEHLO x\r\nMAIL FROM:<a@b.c>\r\nLHLO x\r\nRCPT TO:<ok@example.org>\r\nDATA\r\n"
                + "VRFY ok@example.org\r\nNOOP\r\nRSET\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("220 mx.test Buzon LMTP ready\r\n"
                + "500 5.5.1 This is an LMTP server: use LHLO\r\n"
                + "500 5.5.1 This is an LMTP server: use LHLO\r\n"
                + "503 5.5.1 Send LHLO first\r\n"
                + "250-mx.test\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-SIZE 1000\r\n"
                + "250 CHUNKING\r\n"
                + "503 5.5.1 Send MAIL first\r\n"
                + "503 5.5.1 Send MAIL first\r\n"
                + "252 2.5.0 VRFY is not offered; send the message and it will be tried\r\n"
                + "250 2.0.0 OK\r\n"
                + "250 2.0.0 OK\r\n", wire.text());
        assertFalse(wire.closed);
    }

    @Test
    void tooManyErrorsCloseTheConnection() {
        LmtpSession s = session(SETTINGS);
        s.receive("FOO\r\nFOO\r\nFOO\r\nFOO\r\nFOO\r\nFOO\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        String[] lines = wire.text().split("\r\n");
        assertEquals(7, lines.length);
        assertEquals("500 5.5.1 Command unrecognized", lines[5]);
        assertEquals("421 4.7.0 mx.test Too many errors, closing connection", lines[6]);
        assertTrue(wire.closed);
        assertTrue(s.closed());
    }

    @Test
    void garbageAndOverlongLinesAreRefused() {
        LmtpSession s = session(SETTINGS);
        s.receive(("\u0000\u00ff\r\n" + "NOOP " + "x".repeat(600) + "\r\nNOOP\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("220 mx.test Buzon LMTP ready\r\n"
                + "500 5.5.2 Syntax error, invalid characters in command\r\n"
                + "500 5.5.6 Line too long\r\n"
                + "250 2.0.0 OK\r\n", wire.text());
    }

    @Test
    void overlongLineWithoutEndIsDiscardedWithoutBuffering() {
        LmtpSession s = session(SETTINGS);
        for (int i = 0; i < 100; i++) {
            s.receive("y".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        }
        s.receive("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("220 mx.test Buzon LMTP ready\r\n500 5.5.6 Line too long\r\n250 2.0.0 OK\r\n", wire.text());
    }

    @Test
    void messageLargerThanTheLimitIsRefusedForEveryRecipient() {
        LmtpSession s = session(SETTINGS);
        s.receive(("LHLO x\r\nMAIL FROM:<> SIZE=2000\r\nMAIL FROM:<>\r\nRCPT TO:<ok@example.org>\r\n"
                + "RCPT TO:<ok2@example.org>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 30; i++) {
            s.receive(("line " + "z".repeat(90) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        s.receive(".\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        String text = wire.text();
        assertTrue(text.contains("552 5.3.4 Message size exceeds fixed maximum message size\r\n250 2.1.0 OK\r\n"), text);
        assertTrue(text.endsWith("552 5.3.4 <ok@example.org> Message size exceeds fixed maximum message size\r\n"
                + "552 5.3.4 <ok2@example.org> Message size exceeds fixed maximum message size\r\n"
                + "250 2.0.0 OK\r\n"), text);
        assertEquals(0, backend.delivered.size());
        assertEquals(1, backend.aborted);
    }

    @Test
    void recipientLimitAndDeliveryTimeFailures() {
        backend.deliveryVerdicts.put("ok2@example.org", Verdict.OVER_QUOTA);
        backend.verdicts.put("ok3@example.org", Verdict.OK);
        backend.verdicts.put("ok4@example.org", Verdict.OK);
        LmtpSession s = session(new LmtpSettings("mx.test", 1000, false, 512, 3, 5, List.of()));
        s.receive(("LHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<ok@example.org>\r\nRCPT TO:<ok2@example.org>\r\n"
                + "RCPT TO:<ok3@example.org>\r\nRCPT TO:<ok4@example.org>\r\nDATA\r\nhi\r\n.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.text().endsWith("250 2.1.5 <ok3@example.org> OK\r\n"
                + "452 4.5.3 Too many recipients\r\n"
                + "354 Start mail input; end with <CRLF>.<CRLF>\r\n"
                + "250 2.0.0 <ok@example.org> S1 Saved\r\n"
                + "552 5.2.2 <ok2@example.org> Mailbox is full\r\n"
                + "250 2.0.0 <ok3@example.org> S1 Saved\r\n"), wire.text());
    }

    @Test
    void bdatChunksAreTakenLiterallyAndAnsweredPerRecipient() {
        String transcript = "LHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<ok@example.org>\r\nRCPT TO:<ok2@example.org>\r\n"
                + "BDAT 7\r\n.a\r\n.\r\nBDAT 0\r\nBDAT 5 LAST\r\nb\r\n..NOOP\r\n";
        for (int step = 1; step <= transcript.length(); step++) {
            String text = run(transcript, step);
            assertTrue(text.endsWith("250 2.1.5 <ok2@example.org> OK\r\n"
                    + "250 2.0.0 7 octets received\r\n"
                    + "250 2.0.0 7 octets received\r\n"
                    + "250 2.0.0 <ok@example.org> S1 Saved\r\n"
                    + "250 2.0.0 <ok2@example.org> S1 Saved\r\n"
                    + "250 2.0.0 OK\r\n"), "split " + step + ": " + text);
            assertEquals(".a\r\n.\r\nb\r\n..", backend.delivered.get(0).body());
        }
    }

    @Test
    void bdatWithoutRecipientsIsReadAndRefused() {
        LmtpSession s = session(SETTINGS);
        s.receive("LHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@example.org>\r\nBDAT 6 LAST\r\nNOOP\r\nNOOP\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.text().endsWith("550 5.1.1 <x@example.org> User doesn't exist\r\n"
                + "503 5.5.1 No valid recipients\r\n"
                + "250 2.0.0 OK\r\n"), wire.text());
    }

    @Test
    void dataWithoutRecipientsIsRefused() {
        LmtpSession s = session(SETTINGS);
        s.receive("LHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@example.org>\r\nDATA\r\nRSET\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.text().endsWith("503 5.5.1 No valid recipients\r\n250 2.0.0 OK\r\n"), wire.text());
    }

    @Test
    void unsupportedParametersAreRefused() {
        LmtpSession s = session(SETTINGS);
        s.receive("LHLO x\r\nMAIL FROM:<a@b.c> RET=FULL\r\nMAIL FROM:<a@b.c> BODY=BINARYMIME\r\nMAIL FROM:<a@b.c> SIZE=x\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.text().endsWith("555 5.5.4 Unsupported parameter RET\r\n"
                + "501 5.5.4 BODY must be 7BIT or 8BITMIME\r\n"
                + "501 5.5.4 Invalid SIZE\r\n"), wire.text());
    }
}
