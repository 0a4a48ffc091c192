package io.buzon.jmh;

import java.nio.charset.StandardCharsets;

/** CRLF text of an exact size in which every seventh line starts with a dot, for the microbenchmarks. */
final class BenchMessages {

    private BenchMessages() {
    }

    static byte[] message(int size) {
        byte[] line = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor inc\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] msg = new byte[size];
        int p = 0;
        int n = 0;
        while (p + line.length <= size - 2) {
            System.arraycopy(line, 0, msg, p, line.length);
            if (n++ % 7 == 3) {
                msg[p] = '.';
            }
            p += line.length;
        }
        while (p < size - 2) {
            msg[p++] = 'x';
        }
        msg[size - 2] = '\r';
        msg[size - 1] = '\n';
        return msg;
    }
}
