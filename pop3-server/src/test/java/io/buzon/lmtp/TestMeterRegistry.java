package io.buzon.lmtp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Without a registry backend (the application adds Prometheus) Quarkus' composite registry records
 * nothing; a simple in-memory registry joins it so tests can read the counters.
 */
public class TestMeterRegistry {

    @Produces
    @Singleton
    SimpleMeterRegistry simpleMeterRegistry() {
        return new SimpleMeterRegistry();
    }
}
