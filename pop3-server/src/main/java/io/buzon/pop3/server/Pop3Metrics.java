package io.buzon.pop3.server;

import io.buzon.pop3.session.SessionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * POP3 metrics: {@code buzon.pop3.sessions.open} (gauge), {@code buzon.pop3.logins} by outcome,
 * {@code buzon.pop3.commands} by verb, {@code buzon.pop3.bytes.sent}, {@code buzon.pop3.lock.refusals}.
 */
public final class Pop3Metrics implements SessionListener {

    private final MeterRegistry registry;
    private final AtomicInteger openSessions;
    private final Counter bytesSent;
    private final Counter lockRefusals;

    public Pop3Metrics(MeterRegistry registry, String listener) {
        this.registry = registry;
        this.openSessions = registry.gauge("buzon.pop3.sessions.open", java.util.List.of(
                io.micrometer.core.instrument.Tag.of("listener", listener)), new AtomicInteger());
        this.bytesSent = registry.counter("buzon.pop3.bytes.sent", "listener", listener);
        this.lockRefusals = registry.counter("buzon.pop3.lock.refusals", "listener", listener);
    }

    void sessionOpened() {
        openSessions.incrementAndGet();
    }

    void sessionClosed() {
        openSessions.decrementAndGet();
    }

    @Override
    public void command(String verb) {
        registry.counter("buzon.pop3.commands", "verb", verb).increment();
    }

    @Override
    public void login(String outcome) {
        registry.counter("buzon.pop3.logins", "outcome", outcome).increment();
    }

    @Override
    public void lockRefused() {
        lockRefusals.increment();
    }

    @Override
    public void bytesSent(long octets) {
        bytesSent.increment(octets);
    }
}
