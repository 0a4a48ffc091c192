package io.buzon.pop3.protocol;

import java.util.Arrays;

/**
 * One line taken from the client's byte stream, without its line end. A line longer than the parser's
 * limit is reported as {@link #tooLong()} with no content: its bytes were discarded as they arrived.
 */
public final class InputLine {

    private static final byte[] EMPTY = new byte[0];

    private final byte[] bytes;
    private final boolean tooLong;

    private InputLine(byte[] bytes, boolean tooLong) {
        this.bytes = bytes;
        this.tooLong = tooLong;
    }

    public static InputLine of(byte[] bytes) {
        return new InputLine(bytes, false);
    }

    public static InputLine overLong() {
        return new InputLine(EMPTY, true);
    }

    public boolean tooLong() {
        return tooLong;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputLine line && line.tooLong == tooLong && Arrays.equals(line.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + (tooLong ? 1 : 0);
    }

    @Override
    public String toString() {
        return tooLong ? "InputLine[too long]" : "InputLine[" + bytes.length + " octets]";
    }
}
