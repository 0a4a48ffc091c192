package io.buzon.store.content;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line-end octets eight at a time. Mail bodies are long runs of text between line ends, and the
 * delivery path looks for those ends in every octet (LMTP dot-unstuffing, line-end normalisation): a
 * word without CR or LF costs a few instructions instead of eight compares.
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR_BYTES = 0x0D0D0D0D0D0D0D0DL;
    private static final long ONE_BYTES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** Index of the first LF in {@code b[from, end)}, or {@code end}. */
    public static int nextLf(byte[] b, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ LF_BYTES);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    /** Index of the first CR or LF in {@code b[from, end)}, or {@code end}. */
    public static int nextCrOrLf(byte[] b, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long found = zeroBytes(w ^ LF_BYTES) | zeroBytes(w ^ CR_BYTES);
            if (found != 0) {
                // the lowest flagged byte is exact (a false flag can only sit above a true one)
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return end;
    }

    /** High bit set in the bytes of {@code x} that are zero (exact for the lowest such byte). */
    private static long zeroBytes(long x) {
        return (x - ONE_BYTES) & ~x & HIGH_BITS;
    }
}
