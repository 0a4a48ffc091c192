package io.buzon.lmtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DotUnstufferTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code wire} fed in pieces of {@code step} bytes; returns body and the bytes left after the end. */
    private static String[] decode(String wire, int step) {
        byte[] in = bytes(wire);
        DotUnstuffer d = new DotUnstuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < in.length && !d.finished()) {
            int len = Math.min(step, in.length - pos);
            DotUnstuffer.Chunk c = d.decode(in, pos, len);
            out.write(c.data(), 0, c.length());
            pos += c.consumed();
            assertTrue(c.consumed() == len || c.finished(), "stops early only at the terminator");
        }
        return new String[] {out.toString(StandardCharsets.ISO_8859_1),
                new String(in, pos, in.length - pos, StandardCharsets.ISO_8859_1), String.valueOf(d.finished())};
    }

    private static void assertDecodes(String wire, String body, String rest) {
        for (int step = 1; step <= wire.length(); step++) {
            String[] r = decode(wire, step);
            assertEquals(body, r[0], "body with step " + step);
            assertEquals(rest, r[1], "rest with step " + step);
            assertEquals("true", r[2], "finished with step " + step);
        }
    }

    @Test
    void plainBodyEndsAtTerminatorAndLeavesPipelinedBytes() {
        assertDecodes("Subject: a\r\n\r\nhello\r\n.\r\nQUIT\r\n", "Subject: a\r\n\r\nhello\r\n", "QUIT\r\n");
    }

    @Test
    void stuffedDotsAreRemovedOnlyAtLineStart() {
        assertDecodes("..\r\n...x\r\na.b\r\n. \r\n.\r\n", ".\r\n..x\r\na.b\r\n \r\n", "");
    }

    @Test
    void emptyBody() {
        assertDecodes(".\r\n", "", "");
    }

    @Test
    void bareLineFeedsAreLineEndsToo() {
        assertDecodes("a\n..b\n.\nNOOP\r\n", "a\n.b\n", "NOOP\r\n");
    }

    @Test
    void dotCrWithoutLfIsContent() {
        assertDecodes("x\r\n.\rz\r\n.\r\n", "x\r\n\rz\r\n", "");
    }

    @Test
    void eightBitAndNulPassThrough() {
        assertDecodes("caf\u00e9 \u0000\u00ff\r\n.\r\n", "caf\u00e9 \u0000\u00ff\r\n", "");
    }

    @Test
    void notFinishedWithoutTerminator() {
        DotUnstuffer d = new DotUnstuffer();
        byte[] in = bytes("abc\r\n.\r");
        DotUnstuffer.Chunk c = d.decode(in, 0, in.length);
        assertFalse(c.finished());
        assertArrayEquals(bytes("abc\r\n"), java.util.Arrays.copyOf(c.data(), c.length()));
    }

    /** The bulk copy inside lines must decode exactly as one byte at a time, for any input and split. */
    @Test
    void randomBodiesDecodeTheSameInAnyPiecesAsByteByByte() {
        java.util.Random random = new java.util.Random(7);
        char[] alphabet = {'a', 'b', '.', '.', '\r', '\n', '\n'};
        for (int round = 0; round < 3_000; round++) {
            StringBuilder wire = new StringBuilder();
            int length = random.nextInt(300);
            for (int i = 0; i < length; i++) {
                wire.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextBoolean()) {
                wire.append("\r\n.\r\nNOOP\r\n");
            }
            String[] reference = decode(wire.toString(), 1);
            int step = 2 + random.nextInt(Math.max(1, wire.length()));
            assertArrayEquals(reference, decode(wire.toString(), step), () -> "step " + step + " of " + wire);
        }
    }
}
