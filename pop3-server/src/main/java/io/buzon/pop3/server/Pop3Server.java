package io.buzon.pop3.server;

import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.session.SessionListener;
import io.buzon.pop3.net.TlsCertificates;
import io.buzon.pop3.net.TlsEngine;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.protocol.ResponseCode;
import io.buzon.pop3.sasl.LoginMechanism;
import io.buzon.pop3.sasl.PlainMechanism;
import io.buzon.pop3.sasl.SaslMechanism;
import io.buzon.pop3.sasl.ScramSha256Mechanism;
import io.buzon.pop3.session.CommandTable;
import io.buzon.pop3.session.Pop3Session;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The POP3 (with STLS) and POP3S listeners on Vert.x. One instance per process; tests start several
 * against one database to prove the maildrop lock holds across replicas.
 */
public final class Pop3Server {

    private static final Logger LOG = Logger.getLogger(Pop3Server.class);
    private static final Set<String> TLS_VERSIONS = Set.of("TLSv1.2", "TLSv1.3");
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private final Vertx vertx;
    private final Pop3ServerOptions options;
    private final MailboxBackend backend;
    private final TlsCertificates certificates;
    private final TlsEngine tlsEngine;
    private final Pop3Metrics metrics;
    private final SessionListener sessionListener;
    private final java.util.Queue<MaildropLock> pendingReleases = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<SaslMechanism> mechanisms = List.of(new ScramSha256Mechanism(), new PlainMechanism(),
            new LoginMechanism());
    private final CommandTable table;
    private final Set<Pop3Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final List<NetServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int plainPort = -1;
    private volatile int tlsPort = -1;
    private long reloadTimer = -1;
    private long housekeepingTimer = -1;
    private long leaseTimer = -1;
    private volatile boolean draining;

    public Pop3Server(Vertx vertx, Pop3ServerOptions options, MailboxBackend backend, TlsCertificates certificates,
                      MeterRegistry registry) {
        this.vertx = vertx;
        this.options = options;
        this.backend = backend;
        this.certificates = certificates;
        this.tlsEngine = options.tlsEngine().effective();
        this.metrics = new Pop3Metrics(registry, "pop3");
        this.sessionListener = new SessionListener() {
            @Override
            public void command(String verb) {
                metrics.command(verb);
            }

            @Override
            public void login(String outcome) {
                metrics.login(outcome);
            }

            @Override
            public void lockRefused() {
                metrics.lockRefused();
            }

            @Override
            public void bytesSent(long octets) {
                metrics.bytesSent(octets);
            }

            @Override
            public void releaseFailed(MaildropLock lock) {
                pendingReleases.add(lock);
            }
        };
        this.table = new CommandTable(mechanisms);
    }

    /** Binds the enabled listeners; completes when both are listening. */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            warmUpTls();
            return null;
        }, false).compose(ignored -> listen());
    }

    /**
     * Builds one TLS server context with the chosen engine off the event loop. The first one costs seconds
     * (Netty initialises its TLS classes and security providers, or loads the OpenSSL library); without
     * this the first STLS or POP3S client would stall an event loop.
     */
    private void warmUpTls() {
        try {
            io.netty.handler.ssl.SslContext context = io.netty.handler.ssl.SslContextBuilder.forServer(
                    new java.io.ByteArrayInputStream(certificates.current().certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    new java.io.ByteArrayInputStream(certificates.current().privateKeyPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .sslProvider(tlsEngine.provider())
                    .build();
            io.netty.util.ReferenceCountUtil.release(context);
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("The TLS certificate or key cannot be used", e);
        }
        LOG.infof("TLS engine: %s", tlsEngine == TlsEngine.OPENSSL
                ? "OpenSSL (" + io.netty.handler.ssl.OpenSsl.versionString() + ", netty-tcnative)"
                : "JDK (" + System.getProperty("java.vendor") + " " + System.getProperty("java.version") + ")");
    }

    /** The TLS engine serving the listeners (the configured one, or the JDK's where OpenSSL is unavailable). */
    public TlsEngine tlsEngine() {
        return tlsEngine;
    }

    /**
     * What each open TLS connection negotiated, by session id, read from its Netty pipeline: proof of which
     * engine really serves, for tests and diagnostics.
     */
    public Map<String, TlsDetails> tlsDetails() {
        Map<String, TlsDetails> details = new HashMap<>();
        for (Pop3Connection connection : connections) {
            connection.tlsDetails().ifPresent(found -> details.put(connection.session().id(), found));
        }
        return details;
    }

    private Future<Void> listen() {
        Future<Void> plain = Future.succeededFuture();
        Future<Void> tls = Future.succeededFuture();
        int loops = options.effectiveEventLoops();
        List<Context> contexts = eventLoopContexts(loops);
        if (options.plainPort() >= 0) {
            plain = bind(false, options.plainPort(), contexts).map(port -> {
                plainPort = port;
                LOG.infof("POP3 listening on %s:%d (STLS available), %d event loops", options.host(), port, contexts.size());
                return null;
            });
        }
        if (options.tlsPort() >= 0) {
            tls = bind(true, options.tlsPort(), contexts).map(port -> {
                tlsPort = port;
                LOG.infof("POP3S listening on %s:%d, %d event loops", options.host(), port, contexts.size());
                return null;
            });
        }
        housekeepingTimer = vertx.setPeriodic(housekeepingMillis(), ignored -> housekeeping());
        leaseTimer = vertx.setPeriodic(Math.max(100, options.leaseHeartbeatInterval().toMillis()), ignored -> renewLeases());
        if (certificates.fromFiles()) {
            reloadTimer = vertx.setPeriodic(Math.max(100, options.tlsReloadInterval().toMillis()),
                    ignored -> reloadCertificates());
        }
        return Future.all(plain, tls).mapEmpty();
    }

    /**
     * Binds one server per event loop on the same port. Vert.x shares the listening socket among servers of
     * one address and hands each new connection to the next of them, so connections (their I/O, their TLS)
     * spread over the loops. For "any port" (0) the servers ask for the same negative port, which Vert.x
     * reads as one random port shared by exactly the servers that name it; the number is unique to this
     * listener, so another server in the process (a test's second replica) never joins it.
     */
    private Future<Integer> bind(boolean implicitTls, int port, List<Context> contexts) {
        int shared = port == 0 ? -SHARED_RANDOM_PORTS.incrementAndGet() : port;
        return bindOne(contexts.get(0), implicitTls, shared).compose(first -> {
            List<Future<Integer>> rest = new java.util.ArrayList<>();
            for (Context context : contexts.subList(1, contexts.size())) {
                rest.add(bindOne(context, implicitTls, shared));
            }
            return Future.all(rest).map(first);
        });
    }

    /**
     * One context on each of {@code loops} distinct Vert.x event loops (fewer if Vert.x has fewer). Picked
     * by position, not round robin: other listeners taking loops at the same time would otherwise leave two
     * of ours on one loop.
     */
    private List<Context> eventLoopContexts(int loops) {
        io.vertx.core.impl.VertxInternal internal = (io.vertx.core.impl.VertxInternal) vertx;
        List<io.netty.channel.EventLoop> available = new java.util.ArrayList<>();
        internal.getEventLoopGroup().forEach(executor -> available.add((io.netty.channel.EventLoop) executor));
        List<Context> contexts = new java.util.ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int i = 0; i < Math.min(loops, available.size()); i++) {
            contexts.add(internal.createEventLoopContext(available.get(i), internal.getWorkerPool(), loader));
        }
        return contexts;
    }

    /** One server on {@code context}: its connections are handled on that context's event loop. */
    private Future<Integer> bindOne(Context context, boolean implicitTls, int port) {
        io.vertx.core.Promise<Integer> bound = io.vertx.core.Promise.promise();
        context.runOnContext(ignored -> {
            NetServer server = vertx.createNetServer(serverOptions(implicitTls, port))
                    .connectHandler(socket -> accept(socket, implicitTls));
            servers.add(server);
            server.listen().map(NetServer::actualPort).onComplete(bound);
        });
        return bound.future();
    }

    /** The bound POP3 port, or -1 when that listener is off. */
    public int plainPort() {
        return plainPort;
    }

    /** The bound POP3S port, or -1 when that listener is off. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The certificate currently served, PEM-encoded (clients of a self-signed setup pin it). */
    public String certificatePem() {
        return certificates.current().certificatePem();
    }

    /** How many distinct event loops the open sessions run on (diagnostics, tests). */
    public int eventLoopsServing() {
        Set<Object> loops = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Pop3Connection connection : connections) {
            loops.add(((io.vertx.core.impl.ContextInternal) connection.context()).nettyEventLoop());
        }
        return loops.size();
    }

    public int openSessions() {
        return connectionCount.get();
    }

    /**
     * Graceful stop: new connections are refused, running sessions get the grace period to QUIT, then the
     * rest are ended without deleting anything and the listeners close.
     */
    public Future<Void> stop() {
        draining = true;
        long deadline = System.nanoTime() + options.shutdownGracePeriod().toNanos();
        io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
        awaitDrain(deadline, drained);
        return drained.future().compose(ignored -> {
            vertx.cancelTimer(housekeepingTimer);
            vertx.cancelTimer(leaseTimer);
            if (reloadTimer >= 0) {
                vertx.cancelTimer(reloadTimer);
            }
            List<Future<Void>> closed = new java.util.ArrayList<>();
            for (NetServer server : servers) {
                closed.add(server.close());
            }
            return Future.all(closed).mapEmpty();
        });
    }

    /**
     * Re-reads the certificate files (on a worker thread); changed material is swapped into the listeners'
     * key manager and served from the next handshake on.
     */
    public Future<Boolean> reloadCertificates() {
        return vertx.executeBlocking(certificates::reloadIfChanged, false);
    }

    private void awaitDrain(long deadline, io.vertx.core.Promise<Void> drained) {
        if (connections.isEmpty()) {
            drained.complete();
            return;
        }
        if (System.nanoTime() >= deadline) {
            LOG.infof("POP3 shutdown: ending %d sessions after the grace period", connections.size());
            for (Pop3Connection connection : connections) {
                connection.context().runOnContext(ignored -> connection.session().terminate("Server shutting down"));
            }
            vertx.setTimer(200, ignored -> drained.complete());
            return;
        }
        vertx.setTimer(50, ignored -> awaitDrain(deadline, drained));
    }

    private void accept(NetSocket socket, boolean implicitTls) {
        String realPeer = socket.remoteAddress(true).hostAddress();
        String client = socket.remoteAddress().hostAddress();
        if (options.proxyProtocol() && !options.proxyTrustedNetworks().contains(realPeer)) {
            LOG.warnf("PROXY header from untrusted peer %s refused", realPeer);
            socket.close();
            return;
        }
        if (draining) {
            refuse(socket, "Server shutting down");
            return;
        }
        if (connectionCount.incrementAndGet() > options.maxConnections()) {
            connectionCount.decrementAndGet();
            refuse(socket, "Too many connections, try again later");
            return;
        }
        AtomicInteger fromAddress = perAddress.computeIfAbsent(client, key -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > options.maxConnectionsPerAddress()) {
            release(client, fromAddress);
            refuse(socket, "Too many connections from your address");
            return;
        }
        Context context = Vertx.currentContext();
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String sessionId = HexFormat.of().formatHex(idBytes);
        Pop3Connection connection = new Pop3Connection(socket, context, sessionId);
        boolean trusted = options.plaintextAuthNetworks().contains(client);
        Pop3Session session = new Pop3Session(sessionId, client, trusted, connection, backend,
                new VertxSessionRuntime(context), options.session(), table, sessionListener);
        connections.add(connection);
        metrics.sessionOpened();
        LOG.infof("pop3 session=%s connected from %s%s%s", sessionId, client, implicitTls ? " (TLS)" : "",
                client.equals(realPeer) ? "" : " via " + realPeer);
        connection.start(session, () -> {
            connections.remove(connection);
            metrics.sessionClosed();
            release(client, fromAddress);
            LOG.infof("pop3 session=%s disconnected", sessionId);
        });
    }

    /**
     * One statement renews the leases of every session of this instance, then each session checks its own.
     * Only octet counts that changed since they were last stored are sent (an idle session sends nothing,
     * and the statement's cost grows with the array it is given), and a renewal never overlaps the previous
     * one: overlapping updates of the same rows wait on each other and can deadlock, and a lease not
     * renewed for the lease TTL is lost.
     */
    private void renewLeases() {
        if (connections.isEmpty() && pendingReleases.isEmpty()) {
            return;
        }
        if (!renewing.compareAndSet(false, true)) {
            LOG.warnf("Maildrop lease renewal still running after %d ms: skipping this heartbeat",
                    options.leaseHeartbeatInterval().toMillis());
            return;
        }
        long started = System.nanoTime();
        Map<String, Long> octetsSent = new HashMap<>();
        Map<Pop3Connection, Long> reported = new HashMap<>();
        for (Pop3Connection connection : connections) {
            String owner = connection.session().leaseOwner();
            long octets = connection.session().octetsSent();
            if (owner != null && octets != connection.octetsStored()) {
                octetsSent.put(owner, octets);
                reported.put(connection, octets);
            }
        }
        vertx.executeBlocking(() -> {
            retryReleases();
            return backend.renewLeases(octetsSent);
        }, false).onComplete(result -> {
            renewing.set(false);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            if (tookMillis > options.leaseHeartbeatInterval().toMillis()) {
                LOG.warnf("Maildrop lease renewal took %d ms for %d sessions, longer than the heartbeat interval",
                        tookMillis, connections.size());
            }
            if (result.failed()) {
                LOG.warnf("Maildrop lease renewal failed (sessions keep running until their leases expire): %s",
                        result.cause().toString());
                return;
            }
            reported.forEach(Pop3Connection::octetsStored);
            for (Pop3Connection connection : connections) {
                connection.context().runOnContext(ignored -> connection.session().checkLease(result.result(), started));
            }
        });
    }

    /** Leases whose release failed are released now, before the heartbeat could renew them again. */
    private void retryReleases() {
        for (int i = pendingReleases.size(); i > 0; i--) {
            MaildropLock lock = pendingReleases.poll();
            if (lock == null) {
                return;
            }
            try {
                backend.release(lock);
                LOG.infof("Maildrop lease of account %d released after an earlier failure", lock.accountId());
            } catch (RuntimeException e) {
                pendingReleases.add(lock);
            }
        }
    }

    private void release(String client, AtomicInteger fromAddress) {
        connectionCount.decrementAndGet();
        if (fromAddress.decrementAndGet() <= 0) {
            perAddress.remove(client, fromAddress);
        }
    }

    private static void refuse(NetSocket socket, String reason) {
        socket.write(Buffer.buffer(Reply.err(ResponseCode.SYS_TEMP, reason))).onComplete(ignored -> socket.close());
    }

    /** Idle sessions are closed silently, as RFC 1939's autologout timer says: nothing is deleted. */
    private void housekeeping() {
        long idleNanos = options.idleTimeout().toNanos();
        for (Pop3Connection connection : connections) {
            if (connection.nanosSinceActivity() > idleNanos) {
                connection.context().runOnContext(ignored -> {
                    if (connection.nanosSinceActivity() > idleNanos && !connection.waitingForServer()) {
                        LOG.infof("pop3 session=%s idle timeout", connection.session().id());
                        connection.close();
                    }
                });
            }
        }
    }

    private long housekeepingMillis() {
        return Math.max(50, Math.min(5_000, options.idleTimeout().toMillis() / 10));
    }

    private NetServerOptions serverOptions(boolean implicitTls, int port) {
        NetServerOptions server = new NetServerOptions()
                .setHost(options.host())
                .setPort(port)
                .setSsl(implicitTls)
                .setEnabledSecureTransportProtocols(TLS_VERSIONS)
                .setSslHandshakeTimeout(30)
                .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true)
                .setUseProxyProtocol(options.proxyProtocol());
        tlsEngine.configure(server, certificates);
        return server;
    }

}
