package io.buzon.pop3.server;

import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.net.NetworkRanges;
import io.buzon.pop3.net.ProxyProtocolConfig;
import io.buzon.pop3.net.TlsCertificates;
import io.buzon.pop3.net.TlsConfig;
import io.buzon.pop3.session.Pop3Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the POP3 and POP3S listeners with the application and drains them on shutdown. Either listener
 * is switched off by {@code buzon.pop3.enabled} / {@code buzon.pop3s.enabled}; the bound ports are
 * readable here (tests bind port 0).
 */
@ApplicationScoped
public class Pop3Listeners {

    private static final Logger LOG = Logger.getLogger(Pop3Listeners.class);

    private final Vertx vertx;
    private final Pop3Config pop3;
    private final Pop3sConfig pop3s;
    private final TlsConfig tls;
    private final ProxyProtocolConfig proxy;
    private final MailboxBackend backend;
    private final MeterRegistry registry;
    private Pop3Server server;

    public Pop3Listeners(Vertx vertx, Pop3Config pop3, Pop3sConfig pop3s, TlsConfig tls, ProxyProtocolConfig proxy,
                         MailboxBackend backend, MeterRegistry registry) {
        this.vertx = vertx;
        this.pop3 = pop3;
        this.pop3s = pop3s;
        this.tls = tls;
        this.proxy = proxy;
        this.backend = backend;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        if (!pop3.enabled() && !pop3s.enabled()) {
            LOG.info("POP3 and POP3S listeners are disabled");
            return;
        }
        if (pop3.idleTimeout().compareTo(Duration.ofMinutes(10)) < 0) {
            LOG.warnf("buzon.pop3.idle-timeout=%s is below the 10 minutes RFC 1939 asks for", pop3.idleTimeout());
        }
        server = new Pop3Server(vertx, options(), backend,
                TlsCertificates.from(tls.certFile(), tls.keyFile(), pop3.hostname()), registry);
        server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) throws Exception {
        if (server != null) {
            long waitSeconds = pop3.shutdownGracePeriod().toSeconds() + 10;
            server.stop().toCompletionStage().toCompletableFuture().get(waitSeconds, TimeUnit.SECONDS);
            server = null;
        }
    }

    /** The bound POP3 port, -1 when disabled. */
    public int pop3Port() {
        return server == null ? -1 : server.plainPort();
    }

    /** The bound POP3S port, -1 when disabled. */
    public int pop3sPort() {
        return server == null ? -1 : server.tlsPort();
    }

    public Pop3Server server() {
        return server;
    }

    Pop3ServerOptions options() {
        Pop3Settings settings = new Pop3Settings(pop3.allowPlaintextAuth(), pop3.maxAuthFailures(),
                pop3.authFailureDelay(), pop3.maxProtocolErrors(), pop3.implementation(), pop3.maxSaslLineOctets(),
                pop3.chunkOctets());
        Duration idle = pop3.idleTimeout();
        return new Pop3ServerOptions(pop3.host(), pop3.enabled() ? pop3.port() : -1, pop3s.enabled() ? pop3s.port() : -1,
                settings, NetworkRanges.parse(pop3.plaintextAuthNetworks().orElse(List.of())), idle,
                pop3.maxConnections(), pop3.maxConnectionsPerAddress(), pop3.leaseHeartbeatInterval(),
                pop3.shutdownGracePeriod(), proxy.enabled(),
                NetworkRanges.parse(proxy.trustedNetworks().orElse(List.of())), tls.reloadInterval(), tls.engine(), pop3.eventLoops());
    }
}
