package io.buzon.jmh;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.LeaseState;
import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.backend.MessageSource;
import io.buzon.pop3.backend.TestMessageSources;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.protocol.InputLine;
import io.buzon.pop3.sasl.PlainMechanism;
import io.buzon.pop3.session.CommandTable;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.Pop3Settings;
import io.buzon.pop3.session.Pop3Transport;
import io.buzon.pop3.session.SessionListener;
import io.buzon.pop3.session.SessionRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * RETR through the whole protocol core, without network and store: {@link Pop3Session} decodes the
 * command, the gate admits it, the handler opens the content and the multi-line writer streams it in
 * chunks to a transport that only counts. This is the CPU the server spends per message besides TCP,
 * TLS and PostgreSQL. Score: microseconds per RETR.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RetrSessionBenchmark {

    @Param({"102400", "10485760"})
    public int messageSize;

    private Pop3Session session;
    private CountingTransport transport;
    private InputLine retr;
    private long expectedOctets;

    @Setup
    public void setUp() {
        byte[] message = BenchMessages.message(messageSize);
        transport = new CountingTransport();
        SyncRuntime runtime = new SyncRuntime();
        session = new Pop3Session("jmh", "127.0.0.1", true, transport, new OneMessageBackend(message), runtime,
                Pop3Settings.defaults().withAllowPlaintextAuth(true), new CommandTable(List.of(new PlainMechanism())),
                SessionListener.NONE);
        session.greet().toCompletableFuture().join();
        line("USER bench");
        line("PASS secret");
        transport.octets = 0;
        retr = InputLine.of("RETR 1".getBytes(StandardCharsets.US_ASCII));
        session.onLine(retr).toCompletableFuture().join();
        // the status line, the stuffed body (one extra dot per dotted line) and the terminator
        expectedOctets = transport.octets;
        long dots = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) {
                dots++;
            }
        }
        if (expectedOctets < message.length + dots + 3) {
            throw new IllegalStateException("RETR wrote " + expectedOctets + " octets for a " + message.length + " octet message");
        }
    }

    private void line(String text) {
        transport.last = null;
        session.onLine(InputLine.of(text.getBytes(StandardCharsets.US_ASCII))).toCompletableFuture().join();
        if (transport.last == null || !new String(transport.last, StandardCharsets.US_ASCII).startsWith("+OK")) {
            throw new IllegalStateException(text + " was not accepted");
        }
    }

    @Benchmark
    public long retr() {
        transport.octets = 0;
        session.onLine(retr).toCompletableFuture().join();
        if (transport.octets != expectedOctets) {
            throw new IllegalStateException("RETR wrote " + transport.octets + " octets, expected " + expectedOctets);
        }
        return transport.octets;
    }

    /** Takes every write at once and counts it. */
    static final class CountingTransport implements Pop3Transport {
        long octets;
        byte[] last;

        @Override
        public CompletionStage<Void> write(byte[] bytes) {
            octets += bytes.length;
            last = bytes;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> startTls() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no TLS in the microbenchmark"));
        }

        @Override
        public boolean secure() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Runs "blocking" work inline: the benchmark measures CPU, not thread hand-offs. */
    static final class SyncRuntime implements SessionRuntime {
        @Override
        public <T> CompletionStage<T> runBlocking(Callable<T> work) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletionStage<Void> delay(Duration duration) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** One account with one message held in memory. */
    static final class OneMessageBackend implements MailboxBackend {
        private final byte[] message;

        OneMessageBackend(byte[] message) {
            this.message = message;
        }

        @Override
        public AuthResult authenticate(String login, String password, ClientInfo client) {
            return AuthResult.success(1, login);
        }

        @Override
        public Optional<MaildropLock> tryLock(long accountId, ClientInfo client) {
            return Optional.of(new MaildropLock(accountId, "jmh", new Object()));
        }

        @Override
        public Map<String, LeaseState> renewLeases() {
            return Map.of("jmh", LeaseState.HELD);
        }

        @Override
        public void release(MaildropLock lock) {
        }

        @Override
        public List<MaildropEntry> open(long accountId) {
            return List.of(new MaildropEntry(1, "uidl-1", message.length));
        }

        @Override
        public MessageSource openContent(long accountId, long messageId) {
            return TestMessageSources.of(message);
        }

        @Override
        public void commit(MaildropLock lock, Set<Long> deletedMessageIds) {
        }

        @Override
        public void recordFirstRetrieval(long accountId, java.util.Collection<Long> messageIds) {
        }

        @Override
        public RetentionHint retention(long accountId) {
            return RetentionHint.NONE;
        }

        @Override
        public RetentionHint retentionBound() {
            return RetentionHint.NONE;
        }
    }
}
