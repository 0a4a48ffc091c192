package io.buzon.jmh;

import io.buzon.pop3.protocol.DotStuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The byte-stuffing core of the multi-line writer: one message encoded in chunks exactly as
 * {@code MultiLineWriter} does (each chunk stuffed into one exactly sized array, the terminator in the last).
 * Score: microseconds per message; divide the size by it for MB/s of one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DotStufferBenchmark {

    @Param({"102400", "10485760"})
    public int messageSize;

    @Param({"65536"})
    public int chunkOctets;

    private byte[] message;

    @Setup
    public void setUp() {
        message = BenchMessages.message(messageSize);
    }

    @Benchmark
    public long encodeMessage() {
        DotStuffer stuffer = new DotStuffer();
        long total = 0;
        for (int off = 0; off < message.length; off += chunkOctets) {
            int len = Math.min(chunkOctets, message.length - off);
            total += stuffer.encode(null, message, off, len, off + len == message.length).length;
        }
        return total;
    }
}
