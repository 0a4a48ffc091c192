package io.buzon.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server found running on a data directory before the embedded one starts there. The embedded
 * server runs as its own daemon (started by {@code pg_ctl}), so when the JVM that started it is killed
 * (kill -9, an OOM kill, a power-cycled laptop that resumed) the server lives on, orphaned, holding the data
 * directory, and the next start would fail. Such an orphan is stopped; a server whose owner is still alive
 * means another Buzón is using the directory, which is refused with a clear message.
 */
final class LeftoverServer {

    private final long pid;
    private final ProcessHandle process;

    private LeftoverServer(long pid, ProcessHandle process) {
        this.pid = pid;
        this.process = process;
    }

    /** The live server named by {@code postmaster.pid} in {@code dataDirectory}, if there is one. */
    static Optional<LeftoverServer> find(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException unreadable) {
            // half-written by a server that died while starting: PostgreSQL itself removes a stale file
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true))
                .map(p -> new LeftoverServer(pid, p));
    }

    long pid() {
        return pid;
    }

    /**
     * The live process that started this server and still holds it, if any: a JVM of another Buzón
     * instance. An orphan's parent is gone (it was re-parented to init or a subreaper, which is no JVM).
     */
    Optional<ProcessHandle> liveOwner() {
        return process.parent()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.endsWith("/java.exe")).orElse(false));
    }

    /**
     * Stops the orphan: SIGTERM (a smart shutdown, which is immediate with no clients left), and SIGKILL if
     * it is still running after {@code patience}; PostgreSQL recovers from its WAL at the next start either
     * way, so no committed mail is lost.
     *
     * @return true when the process is gone
     */
    boolean stop(Duration patience) {
        process.destroy();
        if (waitForExit(patience)) {
            return true;
        }
        process.destroyForcibly();
        return waitForExit(Duration.ofSeconds(10));
    }

    private boolean waitForExit(Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                process.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // poll again until the deadline
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return !process.isAlive();
    }
}
