package io.buzon.pop3.server;

import io.buzon.pop3.protocol.InputLine;
import io.buzon.pop3.protocol.CommandParser;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.Pop3Transport;
import io.vertx.core.Context;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Glue between one Vert.x socket and one {@link Pop3Session}: bytes into the parser, one line at a time
 * into the session, responses out with back-pressure. Everything here runs on the connection's event loop.
 *
 * <p>Reading pauses while more than {@link #PAUSE_THRESHOLD} octets wait unparsed, and writing waits for
 * the socket's write queue to drain, so a client that pipelines without reading cannot grow memory.
 */
final class Pop3Connection implements Pop3Transport {

    private static final Logger LOG = Logger.getLogger(Pop3Connection.class);
    static final int PAUSE_THRESHOLD = 8 * 1024;

    private final NetSocket socket;
    private final Context context;
    private final String sessionId;
    private final CommandParser parser = new CommandParser();
    private Pop3Session session;
    private boolean busy;
    private boolean paused;
    private boolean closed;
    private boolean upgrading;
    private long lastActivity = System.nanoTime();
    private CompletableFuture<Void> drain;
    private Runnable onClosed = () -> { };
    /** Octets sent as last stored with the lease (written by the lease heartbeat only). */
    private volatile long octetsStored = -1;

    Pop3Connection(NetSocket socket, Context context, String sessionId) {
        this.socket = socket;
        this.context = context;
        this.sessionId = sessionId;
    }

    void start(Pop3Session session, Runnable onClosed) {
        this.session = session;
        this.onClosed = onClosed;
        socket.handler(this::received);
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(error -> {
            LOG.debugf("pop3 session=%s socket error: %s", sessionId, error.toString());
            socket.close();
        });
        socket.drainHandler(ignored -> {
            lastActivity = System.nanoTime();
            CompletableFuture<Void> waiting = drain;
            drain = null;
            if (waiting != null) {
                waiting.complete(null);
            }
        });
        busy = true;
        session.greet().whenComplete((ignored, error) -> {
            busy = false;
            pump();
        });
    }

    Pop3Session session() {
        return session;
    }

    Context context() {
        return context;
    }

    long octetsStored() {
        return octetsStored;
    }

    void octetsStored(long octets) {
        octetsStored = octets;
    }

    /**
     * True while the server itself is working on a command (store, delays): idle time is the client's
     * silence, not ours. A response stuck behind a client that does not read does count as idle.
     */
    boolean waitingForServer() {
        return busy && drain == null;
    }

    long nanosSinceActivity() {
        return System.nanoTime() - lastActivity;
    }

    private void received(Buffer data) {
        if (closed) {
            return;
        }
        lastActivity = System.nanoTime();
        byte[] bytes = data.getBytes();
        parser.feed(bytes, 0, bytes.length);
        if (parser.buffered() > PAUSE_THRESHOLD && !paused) {
            paused = true;
            socket.pause();
        }
        pump();
    }

    /** Hands buffered lines to the session, one at a time; loops instead of recursing for pipelined commands. */
    private void pump() {
        while (!busy && !closed && !upgrading) {
            parser.maxLineOctets(session.maxLineOctets());
            InputLine line = parser.next();
            if (line == null) {
                if (paused) {
                    paused = false;
                    socket.resume();
                }
                return;
            }
            busy = true;
            CompletableFuture<Void> handled = session.onLine(line).toCompletableFuture();
            if (handled.isDone()) {
                busy = false;
                continue;
            }
            handled.whenComplete((ignored, error) -> {
                lastActivity = System.nanoTime();
                if (error != null) {
                    LOG.errorf(error, "pop3 session=%s unexpected failure, closing", sessionId);
                    close();
                }
                busy = false;
                pump();
            });
            return;
        }
    }

    // ---- Pop3Transport ----

    @Override
    public CompletionStage<Void> write(byte[] bytes) {
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectionClosedException());
        }
        // Wrapped, not copied (Buffer.buffer(byte[]) copies): the writer never touches an array it handed over,
        // and Netty makes its one copy into a pooled direct buffer on the way to the socket anyway.
        socket.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
        if (!socket.writeQueueFull()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        drain = waiting;
        return waiting;
    }

    @Override
    public CompletionStage<Void> startTls() {
        // RFC 2595 section 4 / RFC 3207 section 6: nothing sent before the handshake counts.
        parser.discardBuffered();
        upgrading = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        socket.upgradeToSsl().onComplete(result -> {
            upgrading = false;
            parser.discardBuffered();
            if (result.succeeded()) {
                LOG.debugf("pop3 session=%s TLS started", sessionId);
                done.complete(null);
            } else {
                LOG.infof("pop3 session=%s STLS handshake failed: %s", sessionId, result.cause().toString());
                done.completeExceptionally(new ConnectionClosedException());
                close();
            }
        });
        return done;
    }

    /** The engine and session of this connection's TLS layer, when it has one. */
    java.util.Optional<TlsDetails> tlsDetails() {
        if (!(socket instanceof io.vertx.core.net.impl.NetSocketInternal internal)) {
            return java.util.Optional.empty();
        }
        io.netty.handler.ssl.SslHandler handler = internal.channelHandlerContext().pipeline()
                .get(io.netty.handler.ssl.SslHandler.class);
        if (handler == null) {
            return java.util.Optional.empty();
        }
        javax.net.ssl.SSLSession tls = handler.engine().getSession();
        return java.util.Optional.of(new TlsDetails(handler.engine().getClass().getName(),
                handler.engine() instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine,
                tls.getProtocol(), tls.getCipherSuite()));
    }

    @Override
    public boolean secure() {
        return socket.isSsl();
    }

    @Override
    public void close() {
        if (!closed) {
            socket.close();
        }
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        session.onDisconnect();
        CompletableFuture<Void> waiting = drain;
        drain = null;
        if (waiting != null) {
            waiting.completeExceptionally(new ConnectionClosedException());
        }
        onClosed.run();
    }

    /** The client went away while a response was being written. */
    static final class ConnectionClosedException extends RuntimeException {
        ConnectionClosedException() {
            super("connection closed", null, false, false);
        }
    }
}
