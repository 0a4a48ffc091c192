package io.buzon.pop3.session;

import io.buzon.pop3.protocol.CommandParser;
import io.buzon.pop3.protocol.InputLine;
import io.buzon.pop3.sasl.LoginMechanism;
import io.buzon.pop3.sasl.PlainMechanism;
import io.buzon.pop3.sasl.ScramSha256Mechanism;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Drives a {@link Pop3Session} synchronously: lines in, the exact bytes out. */
final class SessionHarness implements Pop3Transport, SessionRuntime {

    final InMemoryBackend backend;
    final Pop3Session session;
    final List<Duration> delays = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CommandParser parser = new CommandParser();
    boolean secure;
    boolean closed;
    /** Writes accepted before every further write fails, as a broken connection's would. */
    int writesBeforeFailure = Integer.MAX_VALUE;

    SessionHarness(InMemoryBackend backend, Pop3Settings settings, boolean secure) {
        this.backend = backend;
        this.secure = secure;
        this.session = new Pop3Session("test", "192.0.2.1", false, this, backend, this, settings,
                new CommandTable(List.of(new ScramSha256Mechanism(), new PlainMechanism(), new LoginMechanism())),
                SessionListener.NONE);
        session.greet();
        take();
    }

    /** Sends the lines (CRLF added) and returns everything the session wrote in response. */
    String send(String... lines) {
        for (String line : lines) {
            parser.feed((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            parser.maxLineOctets(session.maxLineOctets());
            for (InputLine input = parser.next(); input != null; input = parser.next()) {
                session.onLine(input).toCompletableFuture().join();
                parser.maxLineOctets(session.maxLineOctets());
            }
        }
        return take();
    }

    String take() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Override
    public CompletionStage<Void> write(byte[] bytes) {
        if (writesBeforeFailure-- <= 0) {
            return CompletableFuture.failedFuture(new java.io.IOException("Connection reset by peer"));
        }
        out.writeBytes(bytes);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> startTls() {
        parser.discardBuffered();
        secure = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public void close() {
        closed = true;
    }

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
        delays.add(duration);
        return CompletableFuture.completedFuture(null);
    }
}
