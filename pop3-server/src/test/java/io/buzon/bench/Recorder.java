package io.buzon.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies, operation and byte counts of one client thread; merged into {@link Stats} at the end. */
final class Recorder {

    private long[] latencies = new long[4096];
    private int size;
    private long bytes;

    void record(long nanos, long payloadBytes) {
        if (size == latencies.length) {
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        latencies[size++] = nanos;
        bytes += payloadBytes;
    }

    /** The merged view of all threads. */
    record Stats(long ops, long bytes, long p50, long p90, long p99, long max) {

        static Stats merge(List<Recorder> recorders) {
            int total = 0;
            long bytes = 0;
            for (Recorder r : recorders) {
                total += r.size;
                bytes += r.bytes;
            }
            long[] all = new long[total];
            int p = 0;
            for (Recorder r : recorders) {
                System.arraycopy(r.latencies, 0, all, p, r.size);
                p += r.size;
            }
            Arrays.sort(all);
            return new Stats(total, bytes, pct(all, 50), pct(all, 90), pct(all, 99), total == 0 ? 0 : all[total - 1]);
        }

        /** Nearest-rank percentile. */
        private static long pct(long[] sorted, int pct) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
