package io.buzon.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Alive unless threads are deadlocked. Liveness deliberately ignores the database: restarting every pod
 * because PostgreSQL fails over would only add a reconnect storm to the outage; readiness covers that.
 */
@Liveness
@ApplicationScoped
public class ThreadsLivenessCheck implements HealthCheck {

    static final String NAME = "threads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked == null) {
            return HealthCheckResponse.named(NAME).up()
                    .withData("live", threads.getThreadCount())
                    .build();
        }
        String names = Arrays.stream(threads.getThreadInfo(deadlocked))
                .filter(info -> info != null)
                .map(ThreadInfo::getThreadName)
                .collect(Collectors.joining(", "));
        return HealthCheckResponse.named(NAME).down().withData("deadlocked", names).build();
    }
}
