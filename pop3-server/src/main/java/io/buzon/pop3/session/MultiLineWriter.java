package io.buzon.pop3.session;

import io.buzon.pop3.backend.MessageSource;
import io.buzon.pop3.protocol.DotStuffer;
import io.buzon.pop3.protocol.TopLimiter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The one writer of multi-line responses (CAPA, LIST, UIDL, RETR, TOP): status line, byte-stuffed body,
 * terminator. A message goes out in writes of at most {@code chunkOctets}, each after the transport has
 * taken the previous one; what the store already handed over is written from the event loop, and only a
 * piece the store must still read goes to a worker. A slow reader holds the server to one stored chunk.
 */
public final class MultiLineWriter {

    private static final byte[] NOTHING = new byte[0];
    /** Pieces shorter than this (the header prefix) ride in front of the next write. */
    private static final int SMALL_PIECE = 8192;

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
     * piece was read, so a store failure before any octet left still allows an {@code -ERR}.
     *
     * @param stillOpen tells the writer to stop when the session ended while the message was in flight
     */
    public CompletionStage<Void> message(byte[] status, MessageSource content, TopLimiter limiter, BooleanSupplier stillOpen) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MessageStream stream = new MessageStream(status, content, limiter, stillOpen, done);
        try {
            stream.pump();
        } catch (RuntimeException e) {
            stream.fail(e);
        }
        return done;
    }

    /**
     * One RETR/TOP in flight. Sends pieces that are in memory straight from the event loop, in writes of at
     * most {@code chunkOctets} (each after the transport took the previous one), and goes to a worker only
     * for a piece the store must read. A small piece (the per-recipient header prefix) is stuffed into the
     * front of the next write instead of costing a write of its own.
     */
    private final class MessageStream {
        private final MessageSource source;
        private final TopLimiter limiter;
        private final BooleanSupplier stillOpen;
        private final CompletableFuture<Void> done;
        private final DotStuffer stuffer = new DotStuffer();
        /** Encoded octets waiting to go in front of the next write: the status line, small pieces. */
        private byte[] pending;
        private byte[] piece;
        private int offset;
        /** Some octets went to the transport: from now on a failure cannot become an -ERR. */
        private boolean started;
        /** The source said, by returning no piece, that nothing remains. */
        private boolean ended;

        MessageStream(byte[] status, MessageSource source, TopLimiter limiter, BooleanSupplier stillOpen,
                      CompletableFuture<Void> done) {
            this.pending = status;
            this.source = source;
            this.limiter = limiter;
            this.stillOpen = stillOpen;
            this.done = done;
        }

        /** Runs on the session's event loop until a write must wait, a piece must be read, or the end. */
        void pump() {
            while (true) {
                if (!stillOpen.getAsBoolean()) {
                    done.completeExceptionally(new SessionEndedException());
                    return;
                }
                if (piece == null || offset == piece.length) {
                    piece = null;
                    if (ended || (limiter != null && limiter.done()) || source.finished()) {
                        write(stuffer.encode(pending, NOTHING, 0, 0, true), true);
                        return;
                    }
                    byte[] loaded = source.nextIfLoaded();
                    if (loaded == null) {
                        fetch();
                        return;
                    }
                    piece = loaded;
                    offset = 0;
                    continue;
                }
                int from = offset;
                int length = Math.min(chunkOctets, piece.length - from);
                offset += length;
                if (limiter != null) {
                    length = limiter.accept(piece, from, length);
                }
                boolean last = (limiter != null && limiter.done()) || (offset == piece.length && source.finished());
                // what waits in front stays small: a source of many small pieces still gets written out
                if (!last && offset == piece.length && length < SMALL_PIECE
                        && (pending == null || pending.length < SMALL_PIECE)) {
                    pending = concat(pending, stuffer.encode(null, piece, from, length, false));
                    continue;
                }
                byte[] out = stuffer.encode(pending, piece, from, length, last);
                pending = null;
                if (!write(out, last)) {
                    return;
                }
            }
        }

        /**
         * Hands {@code out} to the transport. True when the caller should go on at once (the transport took
         * it and wants more); otherwise the completion continues the stream, or ends it.
         */
        private boolean write(byte[] out, boolean last) {
            started = true;
            CompletableFuture<Void> written = send(out).toCompletableFuture();
            if (written.isDone() && !written.isCompletedExceptionally() && !last) {
                // loop rather than recurse: a transport with room completes at once, for every piece
                return true;
            }
            written.whenComplete((ignored, writeError) -> {
                if (writeError != null) {
                    // nothing more can be said on this connection: a client that left ends quietly,
                    // a write that failed on an open session closes it with a log line
                    done.completeExceptionally(stillOpen.getAsBoolean()
                            ? new StreamBrokenException(writeError) : new SessionEndedException());
                } else if (last) {
                    done.complete(null);
                } else {
                    resume();
                }
            });
            return false;
        }

        private void fetch() {
            runtime.runBlocking(source::next).whenComplete((next, error) -> {
                if (error != null) {
                    fail(error);
                    return;
                }
                // null: a source that learns its end only by reading it
                ended = next == null;
                piece = next;
                offset = 0;
                resume();
            });
        }

        private void resume() {
            try {
                pump();
            } catch (RuntimeException e) {
                // whenComplete would drop it and leave the session waiting for a response forever
                fail(e);
            }
        }

        void fail(Throwable error) {
            // Once part of the message is on the wire an -ERR could not be told from content.
            done.completeExceptionally(started ? new StreamBrokenException(error) : error);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first == null) {
            return second;
        }
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
