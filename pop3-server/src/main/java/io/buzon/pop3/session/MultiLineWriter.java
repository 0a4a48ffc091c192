package io.buzon.pop3.session;

import io.buzon.pop3.protocol.DotStuffer;
import io.buzon.pop3.protocol.TopLimiter;

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
    /** Read by the lease heartbeat on another thread, for the console's session list. */
    private final java.util.concurrent.atomic.AtomicLong octetsSent = new java.util.concurrent.atomic.AtomicLong();

    MultiLineWriter(Pop3Transport transport, SessionRuntime runtime, SessionListener listener, int chunkOctets) {
        this.transport = transport;
        this.runtime = runtime;
        this.listener = listener;
        this.chunkOctets = chunkOctets;
    }

    /** A response whose body lines are already known (CAPA, LIST, UIDL). */
    public CompletionStage<Void> lines(byte[] status, List<String> lines) {
        StringBuilder body = new StringBuilder(lines.size() * 16);
        for (String line : lines) {
            body.append(line).append("\r\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return send(new DotStuffer().encode(status, bytes, 0, bytes.length, true));
    }

    /**
     * A message (RETR) or its top (TOP, with a limiter). The status line is written only after the first
     * chunk was read, so a store failure before any byte left still allows an {@code -ERR}.
     *
     * @param stillOpen tells the writer to stop when the session ended while the message was in flight
     */
    public CompletionStage<Void> message(byte[] status, InputStream content, TopLimiter limiter, BooleanSupplier stillOpen) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new MessageStream(content, limiter, stillOpen, done).nextChunk(status);
        return done;
    }

    /** One RETR/TOP in flight: reads, stuffs and writes the message a chunk at a time. */
    private final class MessageStream {
        private final InputStream content;
        private final TopLimiter limiter;
        private final BooleanSupplier stillOpen;
        private final CompletableFuture<Void> done;
        private final DotStuffer stuffer = new DotStuffer();
        /** The read buffer, kept for the next chunk unless it went to the transport as it was. */
        private byte[] buffer;

        MessageStream(InputStream content, TopLimiter limiter, BooleanSupplier stillOpen, CompletableFuture<Void> done) {
            this.content = content;
            this.limiter = limiter;
            this.stillOpen = stillOpen;
            this.done = done;
        }

        void nextChunk(byte[] status) {
            if (!stillOpen.getAsBoolean()) {
                done.completeExceptionally(new SessionEndedException());
                return;
            }
            byte[] chunk = buffer != null ? buffer : new byte[chunkOctets];
            buffer = null;
            runtime.runBlocking(() -> content.readNBytes(chunk, 0, chunkOctets)).whenComplete((read, error) -> {
                if (error != null) {
                    // Once part of the message is on the wire an -ERR could not be told from content.
                    done.completeExceptionally(status == null ? new StreamBrokenException(error) : error);
                    return;
                }
                try {
                    writeChunk(status, chunk, read);
                } catch (RuntimeException e) {
                    // whenComplete would drop it and leave the session waiting for a response forever
                    done.completeExceptionally(status == null ? new StreamBrokenException(e) : e);
                }
            });
        }

        private void writeChunk(byte[] status, byte[] chunk, int read) {
            int length = limiter == null ? read : limiter.accept(chunk, 0, read);
            boolean last = read < chunkOctets || (limiter != null && limiter.done());
            byte[] out = stuffer.encode(status, chunk, 0, length, last);
            if (out != chunk) {
                buffer = chunk;
            }
            send(out).whenComplete((ignored, writeError) -> {
                if (writeError != null) {
                    // nothing more can be said on this connection: a client that left ends quietly,
                    // a write that failed on an open session closes it with a log line
                    done.completeExceptionally(stillOpen.getAsBoolean()
                            ? new StreamBrokenException(writeError) : new SessionEndedException());
                } else if (last) {
                    done.complete(null);
                } else {
                    try {
                        nextChunk(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(new StreamBrokenException(e));
                    }
                }
            });
        }
    }

    CompletionStage<Void> send(byte[] bytes) {
        listener.bytesSent(bytes.length);
        octetsSent.addAndGet(bytes.length);
        return transport.write(bytes);
    }

    long octetsSent() {
        return octetsSent.get();
    }

    /** The session ended (drop, timeout, shutdown) while a message was being sent. */
    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("session ended during a multi-line response", null, false, false);
        }
    }

    /**
     * Reading or writing the message failed after its first octets were sent (or the write itself
     * failed): the connection must be closed.
     */
    public static final class StreamBrokenException extends RuntimeException {
        StreamBrokenException(Throwable cause) {
            super("message stream broke after the response started", cause);
        }
    }
}
