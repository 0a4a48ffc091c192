package io.buzon.pop3.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {

    private static final String TRANSCRIPT = "CAPA\r\nUSER alice@example.org\r\nPASS secret with spaces\r\n"
            + "STAT\r\nLIST\r\nLIST 1\nUIDL 2\r\nRETR 1\r\nTOP 1 0\r\n\r\nDELE 1\r\nRSET\r\n"
            + "X".repeat(300) + "\r\nNOOP\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n" + "Y".repeat(1000) + "\nQUIT\r\n";

    @Test
    void everySplitGivesTheSameLines() {
        byte[] input = TRANSCRIPT.getBytes(StandardCharsets.US_ASCII);
        List<InputLine> expected = parse(input, input.length);
        assertEquals(17, expected.size());
        assertEquals("PASS secret with spaces", text(expected.get(2)));
        assertEquals("LIST 1", text(expected.get(5)));
        assertEquals("", text(expected.get(9)));
        assertTrue(expected.get(12).tooLong());
        assertTrue(expected.get(15).tooLong());
        assertEquals("QUIT", text(expected.get(16)));
        for (int split = 1; split <= 512; split++) {
            assertEquals(expected, parse(input, split), "split " + split);
        }
    }

    @Test
    void limitCountsTheLineEnd() {
        CommandParser parser = new CommandParser();
        parser.feed(("A".repeat(253) + "\r\n" + "B".repeat(254) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(253, parser.next().length());
        assertTrue(parser.next().tooLong());
        assertNull(parser.next());
    }

    @Test
    void endlessLineDoesNotGrowTheBuffer() {
        CommandParser parser = new CommandParser();
        byte[] chunk = "Z".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1000; i++) {
            parser.feed(chunk);
            assertNull(parser.next());
            assertTrue(parser.buffered() <= 1, "buffered " + parser.buffered());
        }
        parser.feed("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(parser.next().tooLong());
        assertEquals("NOOP", text(parser.next()));
    }

    @Test
    void discardDropsEverythingPipelined() {
        CommandParser parser = new CommandParser();
        parser.feed("STLS\r\nUSER mallory\r\nPA".getBytes(StandardCharsets.US_ASCII));
        assertEquals("STLS", text(parser.next()));
        parser.discardBuffered();
        assertNull(parser.next());
        parser.feed("CAPA\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("CAPA", text(parser.next()));
    }

    @Test
    void saslLimitAllowsLongerLines() {
        CommandParser parser = new CommandParser();
        parser.maxLineOctets(16 * 1024);
        parser.feed(("Q".repeat(8000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(8000, parser.next().length());
    }

    private static List<InputLine> parse(byte[] input, int split) {
        CommandParser parser = new CommandParser();
        List<InputLine> lines = new ArrayList<>();
        for (int offset = 0; offset < input.length; offset += split) {
            parser.feed(input, offset, Math.min(split, input.length - offset));
            for (InputLine line = parser.next(); line != null; line = parser.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String text(InputLine line) {
        return new String(line.bytes(), StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
