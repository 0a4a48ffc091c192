package io.buzon.pop3.protocol;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes the body of a multi-line response chunk by chunk (RFC 1939 section 3): a line that starts with
 * "." gets another "." in front, and the response ends in CRLF "." CRLF, with a CRLF added first when
 * the content does not end in one. State is kept across chunks, so a line split between two chunks is
 * stuffed exactly as if it had come in one.
 *
 * <p>A line starts at the very beginning of the content and after every LF (a bare LF too, as it always
 * has here). RETR pushes whole messages through this class, so it does not touch bytes one at a time on
 * the way out: one scan finds the dots to stuff, then the runs between them are copied in bulk into one
 * exactly sized array.
 */
public final class DotStuffer {

    private static final byte[] NOTHING = new byte[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long DOT_BYTES = 0x2E2E2E2E2E2E2E2EL;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private boolean atLineStart = true;
    private byte last = '\n';
    private boolean empty = true;
    /** Positions of the dots found by the last scan; reused from chunk to chunk. */
    private int[] dots = new int[16];

    /**
     * Encodes one chunk into a new array that holds {@code prefix} (e.g. the status line; may be null),
     * the stuffed chunk and, when {@code finish} is set, the terminator. When there is nothing to add, the
     * chunk array itself is returned, so callers must not change a chunk after handing it over.
     */
    public byte[] encode(byte[] prefix, byte[] chunk, int offset, int length, boolean finish) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        int prefixLength = prefix == null ? 0 : prefix.length;
        int dotCount = scan(chunk, offset, length);
        int limit = offset + length;
        if (length > 0) {
            last = chunk[limit - 1];
            atLineStart = last == '\n';
            empty = false;
        }
        boolean completeLastLine = finish && !empty && last != '\n';
        int terminatorLength = finish ? (completeLastLine ? 5 : 3) : 0;
        if (prefixLength == 0 && dotCount == 0 && terminatorLength == 0 && offset == 0 && length == chunk.length) {
            return chunk;
        }
        byte[] out = new byte[prefixLength + length + dotCount + terminatorLength];
        if (prefixLength > 0) {
            System.arraycopy(prefix, 0, out, 0, prefixLength);
        }
        int pos = prefixLength;
        int from = offset;
        for (int d = 0; d < dotCount; d++) {
            int dot = dots[d];
            int run = dot - from;
            System.arraycopy(chunk, from, out, pos, run);
            pos += run;
            out[pos++] = '.';
            // the original dot starts the next run
            from = dot;
        }
        System.arraycopy(chunk, from, out, pos, limit - from);
        pos += limit - from;
        if (finish) {
            if (completeLastLine) {
                out[pos++] = '\r';
                out[pos++] = '\n';
            }
            out[pos++] = '.';
            out[pos++] = '\r';
            out[pos] = '\n';
        }
        return out;
    }

    /** Stuffs a chunk into {@code out}; kept for callers that assemble a response in a stream. */
    public void encode(byte[] chunk, int offset, int length, ByteArrayOutputStream out) {
        out.writeBytes(encode(null, chunk, offset, length, false));
    }

    /** Writes the terminator, completing a last line that lacks its line end. */
    public void finish(ByteArrayOutputStream out) {
        out.writeBytes(encode(null, NOTHING, 0, 0, true));
    }

    /** Records in {@link #dots} every dot that starts a line, using the state left by earlier chunks. */
    private int scan(byte[] chunk, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        if (atLineStart && chunk[offset] == '.') {
            count = record(count, offset);
        }
        // Every LF directly followed by a dot, eight positions at a time: the word at i holds the candidate
        // LFs, the word at i + 1 the octets after them, and an exact zero-octet test of each (no false hits,
        // so no re-check) ANDed together is non-zero only where a dot starts a line. Line ends alone cost
        // no branch, which is what made the LF-then-look scan slow on text with short lines.
        int end = offset + length - 1;
        int i = offset;
        for (; i + Long.BYTES < offset + length; i += Long.BYTES) {
            long found = zeroOctets((long) LONGS.get(chunk, i) ^ LF_BYTES)
                    & zeroOctets((long) LONGS.get(chunk, i + 1) ^ DOT_BYTES);
            while (found != 0) {
                count = record(count, i + 1 + (Long.numberOfTrailingZeros(found) >>> 3));
                found &= found - 1;
            }
        }
        for (; i < end; i++) {
            if (chunk[i] == '\n' && chunk[i + 1] == '.') {
                count = record(count, i + 1);
            }
        }
        return count;
    }

    /** The high bit of each octet of {@code x} that is zero, and no other bit. */
    private static long zeroOctets(long x) {
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    private int record(int count, int dot) {
        if (count == dots.length) {
            dots = Arrays.copyOf(dots, count * 2);
        }
        dots[count] = dot;
        return count + 1;
    }
}
