package io.buzon.store.content;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineEndingNormalizerTest {

    @Test
    void bareLfAndBareCrBecomeCrlfAndCrlfIsKept() throws IOException {
        assertEquals("a\r\nb\r\nc\r\nd\r\n", normalise("a\nb\rc\r\nd"));
        assertEquals("\r\n\r\n\r\n", normalise("\n\r\r\n"));
        assertEquals("x\r\n\r\n", normalise("x\r\r"));
        assertEquals("x\r\n\r\n", normalise("x\n\n"));
        assertEquals("x\r\n", normalise("x\r\n"));
        assertEquals("", normalise(""));
    }

    @Test
    void sameResultWhateverTheWriteBoundaries() throws IOException {
        String input = "H: v\nH2: w\r\r\n\rbody\r\n.\n..\rend";
        String expected = normalise(input);
        assertEquals("H: v\r\nH2: w\r\n\r\n\r\nbody\r\n.\r\n..\r\nend\r\n", expected);
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split <= bytes.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LineEndingNormalizer n = new LineEndingNormalizer(out);
            for (int i = 0; i < bytes.length; i += split) {
                n.write(bytes, i, Math.min(split, bytes.length - i));
            }
            n.finish();
            assertEquals(expected, out.toString(StandardCharsets.US_ASCII), "split " + split);
        }
    }

    @Test
    void singleByteWritesWork() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineEndingNormalizer n = new LineEndingNormalizer(out);
        for (byte b : "a\rb\n".getBytes(StandardCharsets.US_ASCII)) {
            n.write(b);
        }
        n.finish();
        assertEquals("a\r\nb\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    private static String normalise(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineEndingNormalizer n = new LineEndingNormalizer(out);
        n.write(s.getBytes(StandardCharsets.US_ASCII));
        n.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Bulk runs must normalise exactly as byte-by-byte writes, for any input and any write boundaries. */
    @Test
    void randomInputNormalisesTheSameInAnyPiecesAsByteByByte() throws IOException {
        java.util.Random random = new java.util.Random(11);
        byte[] alphabet = {'a', 'b', '.', '\r', '\r', '\n', '\n'};
        for (int round = 0; round < 3_000; round++) {
            byte[] input = new byte[random.nextInt(300)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream reference = new ByteArrayOutputStream();
            LineEndingNormalizer one = new LineEndingNormalizer(reference);
            for (byte b : input) {
                one.write(b);
            }
            one.finish();
            ByteArrayOutputStream pieces = new ByteArrayOutputStream();
            LineEndingNormalizer bulk = new LineEndingNormalizer(pieces);
            for (int pos = 0; pos < input.length; ) {
                int len = Math.min(input.length - pos, 1 + random.nextInt(64));
                bulk.write(input, pos, len);
                pos += len;
            }
            bulk.finish();
            assertEquals(reference.toString(StandardCharsets.ISO_8859_1), pieces.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
