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
     * The live process that owns this server, if any: another Buzón, whose JVM holds the launcher's lock
     * file {@code epg-lock} in the data directory. The server itself is a daemon (started by
     * {@code pg_ctl}), so its parent says nothing; the lock does. Found in {@code /proc/locks} by the lock
     * file's inode; where that is not available, by trying the lock.
     */
    Optional<ProcessHandle> liveOwner(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        Optional<Long> holder = lockHolder(lockFile);
        if (holder.isPresent()) {
            return ProcessHandle.of(holder.get()).filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != pid && !p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(ProcessHandle.current()); // held by a process we cannot name
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return Optional.of(ProcessHandle.current());
        }
    }

    /** The pid holding a lock on {@code file}, from {@code /proc/locks} (Linux); empty when none or unknown. */
    private static Optional<Long> lockHolder(Path file) {
        Path locks = Path.of("/proc/locks");
        if (!Files.isReadable(locks)) {
            return Optional.empty();
        }
        try {
            Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            // fileKey() prints as "(dev=801,ino=123456)"; /proc/locks names it "08:01:123456"
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ino=(\\d+)").matcher(String.valueOf(key));
            if (!m.find()) {
                return Optional.empty();
            }
            String inode = m.group(1);
            for (String line : Files.readAllLines(locks, StandardCharsets.UTF_8)) {
                if (line.contains("->")) {
                    continue; // a process waiting for the lock, not holding it
                }
                String[] f = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 12345 08:01:123456 0 EOF"
                if (f.length >= 6 && f[5].endsWith(":" + inode)) {
                    return Optional.of(Long.parseLong(f[4]));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
