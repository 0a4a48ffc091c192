package io.buzon.store.content;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteScanTest {

    @Test
    void findsTheSameOctetsAsAByteAtATimeScan() {
        Random random = new Random(20261129);
        byte[] alphabet = {'a', 'b', '\r', '\n', '.', (byte) 0x8A, (byte) 0x8D, 0x0B, 0x0C, 0x09, (byte) 0xFF, 0};
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(70);
            byte[] b = new byte[length];
            // mostly text with sparse line ends, sometimes dense: both the word path and the tail path
            int density = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b[i] = random.nextInt(density) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = length == 0 ? 0 : random.nextInt(length + 1);
            int end = from + random.nextInt(length - from + 1);
            assertEquals(naive(b, from, end, false), ByteScan.nextLf(b, from, end));
            assertEquals(naive(b, from, end, true), ByteScan.nextCrOrLf(b, from, end));
        }
    }

    private static int naive(byte[] b, int from, int end, boolean cr) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n' || (cr && b[i] == '\r')) {
                return i;
            }
        }
        return end;
    }
}
