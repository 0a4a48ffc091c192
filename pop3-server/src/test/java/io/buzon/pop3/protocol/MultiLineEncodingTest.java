package io.buzon.pop3.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MultiLineEncodingTest {

    @Test
    void stuffsLeadingDotsAndTerminatesWhateverTheChunks() {
        String message = ".starts with dot\r\nmiddle . dot\r\n..two\r\n.\r\nend";
        String expected = "..starts with dot\r\nmiddle . dot\r\n...two\r\n..\r\nend\r\n.\r\n";
        for (int split = 1; split <= message.length(); split++) {
            assertEquals(expected, stuff(message, split), "split " + split);
        }
    }

    @Test
    void messageEndingInCrlfGetsNoExtraLine() {
        assertEquals("a\r\n.\r\n", stuff("a\r\n", 2));
        assertEquals(".\r\n", stuff("", 1));
    }

    @Test
    void topZeroSendsHeaderAndBlankLineOnly() {
        String message = "Subject: x\r\nFrom: a@b\r\n\r\nline1\r\n.line2\r\nline3\r\n";
        for (int split = 1; split <= message.length(); split++) {
            assertEquals("Subject: x\r\nFrom: a@b\r\n\r\n.\r\n", top(message, 0, split), "split " + split);
            assertEquals("Subject: x\r\nFrom: a@b\r\n\r\nline1\r\n..line2\r\n.\r\n", top(message, 2, split));
            assertEquals(message.replace(".line2", "..line2") + ".\r\n", top(message, 99, split));
        }
    }

    @Test
    void topOfMessageWithoutBodyOrFinalLineEnd() {
        assertEquals("Subject: x\r\n.\r\n", top("Subject: x", 0, 3));
        assertEquals("Subject: x\r\n\r\nbody\r\n.\r\n", top("Subject: x\r\n\r\nbody", 5, 4));
    }

    private static String stuff(String content, int split) {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        DotStuffer stuffer = new DotStuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < bytes.length; offset += split) {
            stuffer.encode(bytes, offset, Math.min(split, bytes.length - offset), out);
        }
        stuffer.finish(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String top(String content, long lines, int split) {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        TopLimiter limiter = new TopLimiter(lines);
        DotStuffer stuffer = new DotStuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < bytes.length && !limiter.done(); offset += split) {
            int length = limiter.accept(bytes, offset, Math.min(split, bytes.length - offset));
            stuffer.encode(bytes, offset, length, out);
        }
        stuffer.finish(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
