package io.buzon.store;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A store housekeeping job (staging sweep, failed-login sweep) run every {@code interval} on its own daemon
 * thread, never on an event loop. A run that fails is logged and retried at the next interval: each job is
 * one idempotent statement, safe on every replica at once, so a missed run only delays clean-up.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService timer;

    private PeriodicTask(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts {@code job} every {@code interval}; empty when the interval is zero or negative (switched off). */
    public static Optional<PeriodicTask> every(Duration interval, String threadName, Runnable job) {
        if (interval.isZero() || interval.isNegative()) {
            return Optional.empty();
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warnf("%s failed, retrying in %s: %s", threadName, interval, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return Optional.of(new PeriodicTask(timer));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
