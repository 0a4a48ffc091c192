package io.buzon.pop3.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a line into a {@link Command} or says why it is not one. RFC 1939 section 3: a keyword of three
 * or four printable characters, arguments separated by single spaces, each at most 40 characters; RFC 2449
 * raises the argument limit to 255 octets with the whole line. Control characters (NUL included) are
 * garbage. Arguments are UTF-8 (RFC 6856); plain ASCII clients are unaffected.
 */
public final class CommandSyntax {

    private CommandSyntax() {
    }

    /** The outcome of decoding one line. */
    public sealed interface Result permits Parsed, Invalid {
    }

    public record Parsed(Command command) implements Result {
    }

    public record Invalid(String reason) implements Result {
    }

    public static Result decode(InputLine line) {
        if (line.tooLong()) {
            return new Invalid("Command line too long (limit " + CommandParser.MAX_COMMAND_OCTETS + " octets)");
        }
        byte[] bytes = line.raw();
        if (bytes.length == 0) {
            return new Invalid("Empty command");
        }
        for (byte b : bytes) {
            int octet = b & 0xFF;
            if (octet < 0x20 || octet == 0x7F) {
                return new Invalid("Control characters are not allowed in a command");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Invalid("Command is not valid UTF-8");
        }
        int space = text.indexOf(' ');
        String keyword = space < 0 ? text : text.substring(0, space);
        if (keyword.length() < 3 || keyword.length() > 4 || !isAsciiLetters(keyword)) {
            return new Invalid("Unknown command");
        }
        List<String> arguments = new ArrayList<>();
        if (space >= 0) {
            String rest = text.substring(space + 1);
            int from = 0;
            while (true) {
                int next = rest.indexOf(' ', from);
                String argument = next < 0 ? rest.substring(from) : rest.substring(from, next);
                if (argument.isEmpty()) {
                    return new Invalid("Arguments are separated by single spaces");
                }
                arguments.add(argument);
                if (next < 0) {
                    break;
                }
                from = next + 1;
            }
        }
        return new Parsed(new Command(keyword.toUpperCase(java.util.Locale.ROOT), arguments));
    }

    /** A message number as RFC 1939 writes it: decimal digits, no sign, at least 1. */
    public static int messageNumber(String argument) {
        if (argument.isEmpty() || argument.length() > 9) {
            return -1;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        int value = Integer.parseInt(argument);
        return value >= 1 ? value : -1;
    }

    /** A non-negative line count for TOP. */
    public static long lineCount(String argument) {
        if (argument.isEmpty() || argument.length() > 18) {
            return -1;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(argument);
    }

    private static boolean isAsciiLetters(String keyword) {
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
