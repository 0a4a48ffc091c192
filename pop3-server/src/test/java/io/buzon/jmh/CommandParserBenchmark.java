package io.buzon.jmh;

import io.buzon.pop3.protocol.CommandParser;
import io.buzon.pop3.protocol.CommandSyntax;
import io.buzon.pop3.protocol.InputLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The command path from bytes to {@code Command}: {@link CommandParser} splitting a typical client
 * transcript (fed in reads of the given size; 1 is the worst case, a whole transcript the usual one) and
 * {@link CommandSyntax#decode} turning each line into a command. Score: lines per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandParserBenchmark {

    static final String[] SESSION = {
        "CAPA", "USER bench1@bench.test", "PASS secret-1", "STAT", "LIST", "UIDL", "RETR 1", "TOP 2 10",
        "DELE 1", "NOOP", "RSET", "LIST 17", "UIDL 17", "QUIT",
    };

    @Param({"1", "16", "4096"})
    public int readSize;

    private byte[] transcript;
    private CommandParser parser;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : SESSION) {
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        transcript = out.toByteArray();
        parser = new CommandParser();
    }

    @Benchmark
    @OperationsPerInvocation(14)
    public void parseAndDecode(Blackhole bh) {
        for (int off = 0; off < transcript.length; off += readSize) {
            parser.feed(transcript, off, Math.min(readSize, transcript.length - off));
            for (InputLine line = parser.next(); line != null; line = parser.next()) {
                bh.consume(CommandSyntax.decode(line));
            }
        }
    }
}
