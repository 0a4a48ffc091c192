package io.buzon.lmtp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;

/** Starts the LMTP listener with the application (when {@code buzon.lmtp.enabled}) and drains it at shutdown. */
@ApplicationScoped
public class LmtpServer {

    private static final Logger LOG = Logger.getLogger(LmtpServer.class);

    private final LmtpConfig config;
    private final Vertx vertx;
    private final LmtpBackend backend;
    private final LmtpMetrics metrics;
    private volatile LmtpListener listener;

    public LmtpServer(LmtpConfig config, Vertx vertx, LmtpBackend backend, LmtpMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.backend = backend;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("LMTP listener disabled (buzon.lmtp.enabled=false)");
            return;
        }
        LmtpListener l = new LmtpListener(vertx, LmtpSettings.from(config, localHostName()), backend, metrics,
                config.idleTimeout(), config.maxConnections());
        int port = l.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture().join();
        listener = l;
        LOG.infof("LMTP listening on %s:%d", config.host(), port);
    }

    void stop(@Observes ShutdownEvent event) {
        LmtpListener l = listener;
        if (l != null) {
            listener = null;
            l.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The bound port, or -1 when the listener is not running. */
    public int port() {
        LmtpListener l = listener;
        return l == null ? -1 : l.port();
    }

    public boolean running() {
        return listener != null;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
