package io.buzon.pop3.session;

import io.buzon.pop3.backend.MessageSource;
import io.buzon.pop3.backend.TestMessageSources;
import io.buzon.pop3.protocol.DotStuffer;
import io.buzon.pop3.protocol.TopLimiter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bulk-copy encoder against a byte-at-a-time reference written here, over random messages (dots, CR,
 * LF, CRLF, long lines, no final line end) cut into random chunks: every output byte must be the same.
 * The writer-level cases keep the arrays handed to the transport without copying them, so a buffer reused
 * too early would show as changed bytes.
 */
class DotStufferPropertyTest {

    private static final long SEED = 0x5EED_B0_2026L;
    private static final byte[] STATUS = "+OK message follows\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encoderMatchesReferenceForRandomMessagesAndChunks() {
        Random random = new Random(SEED);
        for (int n = 0; n < 4000; n++) {
            byte[] message = randomMessage(random);
            byte[] prefix = random.nextBoolean() ? STATUS : null;
            byte[] expected = concat(prefix == null ? new byte[0] : prefix, reference(message));

            // chunks of random, varying sizes, each placed at a random offset in a larger array
            DotStuffer stuffer = new DotStuffer();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int offset = 0;
            boolean first = true;
            do {
                int length = Math.min(message.length - offset, random.nextInt(random.nextBoolean() ? 8 : 600) + (random.nextInt(10) == 0 ? 0 : 1));
                boolean finish = offset + length == message.length && random.nextBoolean();
                byte[] carrier = new byte[length + random.nextInt(3) * 7];
                int at = carrier.length - length == 0 ? 0 : random.nextInt(carrier.length - length + 1);
                Arrays.fill(carrier, (byte) '.');
                System.arraycopy(message, offset, carrier, at, length);
                byte[] before = carrier.clone();
                out.writeBytes(stuffer.encode(first ? prefix : null, carrier, at, length, finish));
                assertArrayEquals(before, carrier, "the chunk is not changed");
                first = false;
                offset += length;
                if (finish) {
                    break;
                }
                if (offset == message.length && random.nextBoolean()) {
                    stuffer.finish(out);
                    break;
                }
            } while (true);
            assertArrayEquals(expected, out.toByteArray(), () -> "case " + describe(message));
        }
    }

    @Test
    void writerMatchesReferenceForRetrAndTop() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < 3000; n++) {
            byte[] message = randomMessage(random);
            // at least 1/300 of the message: the synchronous runtime recurses once per chunk
            int chunkOctets = Math.max(message.length / 300 + 1,
                    1 + random.nextInt(random.nextBoolean() ? 16 : Math.max(1, message.length + 2)));
            boolean top = random.nextInt(3) == 0;
            long bodyLines = random.nextInt(5);
            byte[] content = top ? topReference(message, bodyLines) : message;
            byte[] expected = concat(STATUS, reference(content));

            CollectingTransport transport = new CollectingTransport();
            MultiLineWriter writer = new MultiLineWriter(transport, new SyncRuntime(), SessionListener.NONE, chunkOctets);
            MessageSource source = random.nextInt(4) == 0
                    ? TestMessageSources.of(new ShortReads(message, random), 1 + random.nextInt(Math.max(1, message.length + 2)))
                    : new RandomPieces(message, random);
            writer.message(STATUS, source, top ? new TopLimiter(bodyLines) : null, () -> true)
                    .toCompletableFuture().join();
            assertArrayEquals(expected, transport.written(), () -> "chunk " + chunkOctets + (top ? " top " + bodyLines : "")
                    + " case " + describe(message));
            assertEquals(expected.length, writer.octetsSent());
        }
    }

    @Test
    void writerSendsStatusWithTerminatorForKnownLines() {
        CollectingTransport transport = new CollectingTransport();
        MultiLineWriter writer = new MultiLineWriter(transport, new SyncRuntime(), SessionListener.NONE, 64);
        writer.lines(STATUS, List.of("1 120", ".odd", "2 ü")).toCompletableFuture().join();
        assertEquals("+OK message follows\r\n1 120\r\n..odd\r\n2 ü\r\n.\r\n",
                new String(transport.written(), StandardCharsets.UTF_8));
        writer.lines(STATUS, List.of()).toCompletableFuture().join();
        assertEquals(1, transport.writes.size(), "one write per response");
        assertEquals("+OK message follows\r\n.\r\n", new String(transport.written(), StandardCharsets.US_ASCII));
    }

    /** RFC 1939 section 3, one byte at a time. */
    private static byte[] reference(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte b : content) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (content.length > 0 && content[content.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** TOP by lines: the header up to and with its blank line, then at most {@code n} body lines. */
    private static byte[] topReference(byte[] message, long n) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                lines.add(Arrays.copyOfRange(message, start, i + 1));
                start = i + 1;
            }
        }
        if (start < message.length) {
            lines.add(Arrays.copyOfRange(message, start, message.length));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean headerEnded = false;
        while (i < lines.size() && !headerEnded) {
            byte[] line = lines.get(i++);
            out.writeBytes(line);
            headerEnded = line[line.length - 1] == '\n' && blank(line);
        }
        for (long sent = 0; headerEnded && sent < n && i < lines.size(); sent++) {
            out.writeBytes(lines.get(i++));
        }
        return out.toByteArray();
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static final String[] PIECES = {".", "..", "\r", "\n", "\r\n", "\r\n.", ".\r\n", "\n.", "a", "Subject: x",
            " . ", "\r\n\r\n", "\r\r\n", "x.y"};

    private static byte[] randomMessage(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(random.nextInt(20) == 0 ? 400 : 40);
        for (int p = 0; p < pieces; p++) {
            if (random.nextInt(25) == 0) {
                int longLine = 200 + random.nextInt(3000);
                for (int i = 0; i < longLine; i++) {
                    out.write('a' + random.nextInt(26));
                }
            } else {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String describe(byte[] message) {
        return message.length <= 200 ? HexFormat.of().formatHex(message) : message.length + " octets";
    }

    /** Keeps the written arrays themselves, as a transport that queues them would. */
    private static final class CollectingTransport implements Pop3Transport {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public CompletionStage<Void> write(byte[] bytes) {
            writes.add(bytes);
            return CompletableFuture.completedFuture(null);
        }

        byte[] written() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            writes.forEach(all::writeBytes);
            writes.clear();
            return all.toByteArray();
        }

        @Override
        public CompletionStage<Void> startTls() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private static final class SyncRuntime implements SessionRuntime {
        @Override
        public <T> CompletionStage<T> runBlocking(Callable<T> work) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletionStage<Void> delay(Duration duration) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A store stream that hands out fewer octets per read than asked, as a network-backed one may. */
    /**
     * A message in pieces of random size (empty ones too, and small ones that ride with the next write), some
     * in memory and some only from a blocking read, with an end known early or only by reading past it: every
     * path of the writer.
     */
    private static final class RandomPieces implements MessageSource {
        private final List<byte[]> pieces = new ArrayList<>();
        private final List<Boolean> loaded = new ArrayList<>();
        private final boolean endKnownEarly;
        private int next;

        RandomPieces(byte[] message, Random random) {
            int at = 0;
            while (at < message.length) {
                int size = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(Math.max(1, random.nextBoolean() ? 9000 : 40));
                size = Math.min(size, message.length - at);
                pieces.add(Arrays.copyOfRange(message, at, at + size));
                loaded.add(random.nextBoolean());
                at += size;
            }
            endKnownEarly = random.nextBoolean();
        }

        @Override
        public byte[] nextIfLoaded() {
            return next < pieces.size() && loaded.get(next) ? pieces.get(next++) : null;
        }

        @Override
        public byte[] next() {
            return next < pieces.size() ? pieces.get(next++) : null;
        }

        @Override
        public boolean finished() {
            return endKnownEarly && next == pieces.size();
        }
    }

    private static final class ShortReads extends InputStream {
        private final ByteArrayInputStream bytes;
        private final Random random;

        ShortReads(byte[] bytes, Random random) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }
}
