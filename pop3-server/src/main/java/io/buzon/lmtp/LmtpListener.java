package io.buzon.lmtp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LMTP TCP listener on Vert.x: one {@link LmtpSession} per connection, fed from the connection's event
 * loop. It only moves bytes and enforces connection-level limits (count, idle time); the protocol lives
 * in the session.
 */
public final class LmtpListener {

    private static final Logger LOG = Logger.getLogger(LmtpListener.class);

    private final Vertx vertx;
    private final LmtpSettings settings;
    private final LmtpBackend backend;
    private final LmtpSession.Events events;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private NetServer server;

    public LmtpListener(Vertx vertx, LmtpSettings settings, LmtpBackend backend, LmtpSession.Events events,
                        Duration idleTimeout, int maxConnections) {
        this.vertx = vertx;
        this.settings = settings;
        this.backend = backend;
        this.events = events;
        this.idleTimeout = idleTimeout;
        this.maxConnections = maxConnections;
    }

    /** Binds and returns the actual port (useful with port 0). */
    public Future<Integer> listen(String host, int port) {
        server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
        server.connectHandler(this::accept);
        return server.listen().map(NetServer::actualPort);
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public int openConnections() {
        return connections.size();
    }

    /** Stops accepting, says 421 to every open session and closes the server. */
    public Future<Void> close() {
        if (server == null) {
            return Future.succeededFuture();
        }
        for (Connection c : connections) {
            c.context.runOnContext(v -> c.session.shutdown("Service shutting down"));
        }
        return server.close();
    }

    private void accept(NetSocket socket) {
        String remote = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        if (connections.size() >= maxConnections) {
            events.rejected("too-many-connections");
            socket.end(Buffer.buffer("421 4.3.2 " + settings.hostname() + " Too many connections, try later\r\n"));
            return;
        }
        Context context = vertx.getOrCreateContext();
        String id = Long.toString(System.currentTimeMillis(), 36).toUpperCase() + "-" + ids.incrementAndGet();
        Connection connection = new Connection(socket, context);
        LmtpSession session = new LmtpSession(settings, backend, connection, task -> context.runOnContext(v -> task.run()),
                events, remote, id);
        connection.session = session;
        connections.add(connection);
        socket.handler(buffer -> {
            connection.lastActivity = System.nanoTime();
            session.receive(buffer.getBytes());
        });
        socket.closeHandler(v -> {
            connections.remove(connection);
            vertx.cancelTimer(connection.idleTimer);
            session.connectionLost();
        });
        socket.exceptionHandler(e -> LOG.debugf("LMTP connection %s from %s: %s", id, remote, e.getMessage()));
        long check = Math.max(1000, idleTimeout.toMillis() / 4);
        connection.idleTimer = vertx.setPeriodic(check, t -> {
            if (System.nanoTime() - connection.lastActivity > idleTimeout.toNanos()) {
                session.shutdown("Idle timeout, closing connection");
            }
        });
        session.start();
    }

    private static final class Connection implements LmtpSession.Transport {
        final NetSocket socket;
        final Context context;
        volatile long lastActivity = System.nanoTime();
        long idleTimer;
        LmtpSession session;

        Connection(NetSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
        }

        @Override
        public void write(byte[] bytes) {
            lastActivity = System.nanoTime();
            socket.write(Buffer.buffer(bytes));
        }

        @Override
        public void pause() {
            socket.pause();
        }

        @Override
        public void resume() {
            socket.resume();
        }

        @Override
        public void close() {
            socket.end();
        }
    }
}
