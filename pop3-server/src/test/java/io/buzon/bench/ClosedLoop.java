package io.buzon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs one {@link Work} per client thread in a closed loop: a warm-up phase whose samples are dropped,
 * then a measured phase bounded by a duration or an operation count. Errors are counted in both phases.
 */
final class ClosedLoop {

    /** What the client threads of one scenario do, one instance per thread. */
    interface Work extends AutoCloseable {
        /** One operation; reports zero or more latency samples to the sink; throws on any error. */
        void once(Sink sink) throws Exception;

        /** Called after a failed operation: drop whatever connection state may be broken. */
        default void reset() {
        }

        @Override
        default void close() {
        }
    }

    /** Receives latency samples with the payload bytes they moved. */
    interface Sink {
        void sample(long nanos, long bytes);
    }

    /** Merged samples and the length of the measured phase. */
    record Outcome(Recorder.Stats stats, double seconds) {
    }

    /** A thread stops after this many errors in a row: the server is down or the setup is wrong. */
    private static final int MAX_CONSECUTIVE_ERRORS = 200;

    private ClosedLoop() {
    }

    static Outcome run(BenchOptions o, ErrorLog errors, IntFunction<Work> workFactory) throws InterruptedException {
        int threads = o.concurrency;
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        long t0 = System.nanoTime();
        long measureStart = t0 + o.warmup.toNanos();
        long measureEnd = o.count > 0 ? Long.MAX_VALUE : measureStart + o.duration.toNanos();
        AtomicLong remaining = new AtomicLong(o.count);
        AtomicLong lastEnd = new AtomicLong(measureStart);
        for (int t = 0; t < threads; t++) {
            Recorder rec = new Recorder();
            recorders.add(rec);
            int index = t;
            Thread th = new Thread(() -> {
                int consecutive = 0;
                try (Work work = workFactory.apply(index)) {
                    while (consecutive < MAX_CONSECUTIVE_ERRORS) {
                        long now = System.nanoTime();
                        if (now - measureEnd >= 0 && measureEnd != Long.MAX_VALUE) {
                            break;
                        }
                        boolean measuring = now - measureStart >= 0;
                        if (measuring && o.count > 0 && remaining.getAndDecrement() <= 0) {
                            break;
                        }
                        Sink sink = measuring ? rec::record : (n, b) -> { };
                        try {
                            work.once(sink);
                            consecutive = 0;
                        } catch (Exception e) {
                            consecutive++;
                            errors.record(measuring ? "measured" : "warm-up", e);
                            work.reset();
                        }
                    }
                    if (consecutive >= MAX_CONSECUTIVE_ERRORS) {
                        errors.record("client " + index, new IllegalStateException("stopped after " + consecutive + " errors in a row"));
                    }
                } finally {
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, "bench-client-" + t);
            running.add(th);
            th.start();
        }
        for (Thread th : running) {
            th.join();
        }
        double seconds = Math.max(1, lastEnd.get() - measureStart) / 1e9;
        return new Outcome(Recorder.Stats.merge(recorders), seconds);
    }
}
