package io.buzon.pop3.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CommandSyntaxTest {

    @Test
    void keywordIsCaseInsensitiveAndArgumentsSplitOnSingleSpaces() {
        var parsed = assertInstanceOf(CommandSyntax.Parsed.class, decode("top 1 10"));
        assertEquals(new Command("TOP", List.of("1", "10")), parsed.command());
    }

    @Test
    void garbageIsRejected() {
        assertEquals("Control characters are not allowed in a command",
                ((CommandSyntax.Invalid) decode("US\0ER a")).reason());
        assertInstanceOf(CommandSyntax.Invalid.class, decode(""));
        assertInstanceOf(CommandSyntax.Invalid.class, decode("RETR  1"));
        assertInstanceOf(CommandSyntax.Invalid.class, decode("GARBAGE"));
        assertInstanceOf(CommandSyntax.Invalid.class, CommandSyntax.decode(InputLine.of(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xC3})));
        assertInstanceOf(CommandSyntax.Invalid.class, CommandSyntax.decode(InputLine.overLong()));
    }

    @Test
    void messageNumbersAreStrictDecimals() {
        assertEquals(1, CommandSyntax.messageNumber("1"));
        assertEquals(-1, CommandSyntax.messageNumber("0"));
        assertEquals(-1, CommandSyntax.messageNumber("-1"));
        assertEquals(-1, CommandSyntax.messageNumber("+1"));
        assertEquals(-1, CommandSyntax.messageNumber("1a"));
        assertEquals(-1, CommandSyntax.messageNumber("99999999999"));
        assertEquals(0, CommandSyntax.lineCount("0"));
        assertEquals(-1, CommandSyntax.lineCount("x"));
    }

    private static CommandSyntax.Result decode(String line) {
        return CommandSyntax.decode(InputLine.of(line.getBytes(StandardCharsets.UTF_8)));
    }
}
