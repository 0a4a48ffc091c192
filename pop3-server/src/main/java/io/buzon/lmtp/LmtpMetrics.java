package io.buzon.lmtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery metrics: {@code buzon.lmtp.messages.delivered} and {@code buzon.lmtp.bytes.delivered} count
 * committed copies (one per recipient); {@code buzon.lmtp.rejections{reason=...}} counts refusals.
 */
@ApplicationScoped
public class LmtpMetrics implements LmtpSession.Events {

    private final MeterRegistry registry;
    private final Counter messages;
    private final Counter bytes;
    private final Counter warnings;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    public LmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messages = Counter.builder("buzon.lmtp.messages.delivered")
                .description("Message copies committed to a mailbox over LMTP").register(registry);
        this.bytes = Counter.builder("buzon.lmtp.bytes.delivered").baseUnit("bytes")
                .description("Octets of message copies committed over LMTP").register(registry);
        this.warnings = Counter.builder("buzon.lmtp.quota.warnings")
                .description("Quota warning messages delivered").register(registry);
    }

    @Override
    public void delivered(long size) {
        messages.increment();
        bytes.increment(size);
    }

    @Override
    public void rejected(String reason) {
        rejections.computeIfAbsent(reason, r -> Counter.builder("buzon.lmtp.rejections").tag("reason", r)
                .description("LMTP commands or recipients refused, by reason").register(registry)).increment();
    }

    void quotaWarningSent() {
        warnings.increment();
    }
}
