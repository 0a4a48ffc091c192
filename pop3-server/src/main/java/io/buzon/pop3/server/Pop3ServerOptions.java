package io.buzon.pop3.server;

import io.buzon.pop3.net.NetworkRanges;
import io.buzon.pop3.net.TlsEngine;
import io.buzon.pop3.session.Pop3Settings;

import java.time.Duration;

/**
 * Everything a {@link Pop3Server} needs besides its collaborators. A port of 0 binds a random port, a
 * negative port disables that listener.
 */
public record Pop3ServerOptions(String host, int plainPort, int tlsPort, Pop3Settings session,
                                NetworkRanges plaintextAuthNetworks, Duration idleTimeout, int maxConnections,
                                int maxConnectionsPerAddress, Duration leaseHeartbeatInterval,
                                Duration shutdownGracePeriod, boolean proxyProtocol, NetworkRanges proxyTrustedNetworks,
                                Duration tlsReloadInterval, TlsEngine tlsEngine, int eventLoops) {

    /** Options for tests and embedding: both listeners on random ports of the loopback interface. */
    public static Pop3ServerOptions loopback() {
        return new Pop3ServerOptions("127.0.0.1", 0, 0, Pop3Settings.defaults(), NetworkRanges.none(),
                Duration.ofMinutes(10), 1000, 20, Duration.ofSeconds(20), Duration.ofSeconds(5), false,
                NetworkRanges.none(), Duration.ofSeconds(30), TlsEngine.OPENSSL, 2);
    }

    public Pop3ServerOptions withSession(Pop3Settings settings) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, settings, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withIdleTimeout(Duration timeout) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, timeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withLimits(int total, int perAddress) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                total, perAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withLeaseHeartbeat(Duration interval) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, interval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withShutdownGrace(Duration grace) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, grace, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withProxyProtocol(NetworkRanges trusted) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, true,
                trusted, tlsReloadInterval, tlsEngine, eventLoops);
    }

    public Pop3ServerOptions withTlsReloadInterval(Duration interval) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, interval, tlsEngine, eventLoops);
    }

    /** The TLS engine asked for ({@link TlsEngine#effective()} decides what serves). */
    public Pop3ServerOptions withTlsEngine(TlsEngine engine) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, engine, eventLoops);
    }

    /** How many event loops serve each listener; 0 means one per CPU. */
    public Pop3ServerOptions withEventLoops(int loops) {
        return new Pop3ServerOptions(host, plainPort, tlsPort, session, plaintextAuthNetworks, idleTimeout,
                maxConnections, maxConnectionsPerAddress, leaseHeartbeatInterval, shutdownGracePeriod, proxyProtocol,
                proxyTrustedNetworks, tlsReloadInterval, tlsEngine, loops);
    }

    /** The event loops each listener gets: as configured, or one per CPU. */
    public int effectiveEventLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
}
