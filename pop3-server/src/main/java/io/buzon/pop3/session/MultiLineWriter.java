package io.buzon.pop3.session;

import io.buzon.pop3.protocol.DotStuffer;
import io.buzon.pop3.protocol.TopLimiter;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The one writer of multi-line responses (CAPA, LIST, UIDL, RETR, TOP): status line, byte-stuffed body,
 * terminator. Message bodies are read in chunks on worker threads and written one chunk at a time, each
 * after the transport has taken the previous one, so a slow reader holds at most a chunk in memory.
 */
public final class MultiLineWriter {

    private final Pop3Transport transport;
    private final SessionRuntime runtime;
    private final SessionListener listener;
    private final int chunkOctets;

    MultiLineWriter(Pop3Transport transport, SessionRuntime runtime, SessionListener listener, int chunkOctets) {
        this.transport = transport;
        this.runtime = runtime;
        this.listener = listener;
        this.chunkOctets = chunkOctets;
    }

    /** A response whose body lines are already known (CAPA, LIST, UIDL). */
    public CompletionStage<Void> lines(byte[] status, List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(status.length + lines.size() * 16 + 3);
        out.writeBytes(status);
        DotStuffer stuffer = new DotStuffer();
        for (String line : lines) {
            byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
            stuffer.encode(bytes, 0, bytes.length, out);
        }
        stuffer.finish(out);
        return send(out.toByteArray());
    }

    /**
     * A message (RETR) or its top (TOP, with a limiter). The status line is written only after the first
     * chunk was read, so a store failure before any byte left still allows an {@code -ERR}.
     *
     * @param stillOpen tells the writer to stop when the session ended while the message was in flight
     */
    public CompletionStage<Void> message(byte[] status, InputStream content, TopLimiter limiter, BooleanSupplier stillOpen) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        nextChunk(status, content, limiter, new DotStuffer(), stillOpen, done);
        return done;
    }

    private void nextChunk(byte[] status, InputStream content, TopLimiter limiter, DotStuffer stuffer,
                           BooleanSupplier stillOpen, CompletableFuture<Void> done) {
        if (!stillOpen.getAsBoolean()) {
            done.completeExceptionally(new SessionEndedException());
            return;
        }
        runtime.runBlocking(() -> content.readNBytes(chunkOctets)).whenComplete((chunk, error) -> {
            if (error != null) {
                // Once part of the message is on the wire an -ERR could not be told from content.
                done.completeExceptionally(status == null ? new StreamBrokenException(error) : error);
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + chunk.length / 64 + 128);
            if (status != null) {
                out.writeBytes(status);
            }
            int length = limiter == null ? chunk.length : limiter.accept(chunk, 0, chunk.length);
            stuffer.encode(chunk, 0, length, out);
            boolean last = chunk.length < chunkOctets || (limiter != null && limiter.done());
            if (last) {
                stuffer.finish(out);
            }
            send(out.toByteArray()).whenComplete((ignored, writeError) -> {
                if (writeError != null) {
                    done.completeExceptionally(writeError);
                } else if (last) {
                    done.complete(null);
                } else {
                    nextChunk(null, content, limiter, stuffer, stillOpen, done);
                }
            });
        });
    }

    CompletionStage<Void> send(byte[] bytes) {
        listener.bytesSent(bytes.length);
        return transport.write(bytes);
    }

    /** The session ended (drop, timeout, shutdown) while a message was being sent. */
    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("session ended during a multi-line response", null, false, false);
        }
    }

    /** Reading the message failed after its first octets were sent: the connection must be closed. */
    public static final class StreamBrokenException extends RuntimeException {
        StreamBrokenException(Throwable cause) {
            super("message stream broke after the response started", cause);
        }
    }
}
