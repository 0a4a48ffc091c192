package io.buzon.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N authenticated sessions open and reports how much the server's memory grew: the server
 * processes (and their descendants) are measured before the sessions open and after they settle;
 * afterwards every session must still answer NOOP (a session that does not is counted as dropped).
 */
final class IdleScenario {

    private IdleScenario() {
    }

    static BenchResult run(BenchOptions o, Users users) throws Exception {
        ErrorLog errors = new ErrorLog(o.maxErrorsShown);
        // Warm the server up so that pre-forked login processes, lazy pools and (for a JVM) the compiled
        // login path exist before the baseline: one-time costs, not per-session ones. The warm-up accounts
        // come from the end of the list, so the measured sessions still log in accounts the server has
        // not verified yet (for Buzón: a full password hash each, inside the window).
        int warmups = Math.max(1, Math.min(o.warmupSessions, users.size() - o.sessions));
        AtomicInteger nextWarm = new AtomicInteger();
        parallel(o.concurrency, () -> {
            int w;
            while ((w = nextWarm.getAndIncrement()) < warmups) {
                Users.Account a = users.get(users.size() - 1 - w);
                try (Pop3Client c = Pop3Client.connect(o, 256)) {
                    c.login(a.user(), a.password());
                    c.stat();
                    c.quit();
                } catch (Exception e) {
                    errors.record("warm-up session (" + a.user() + ")", e);
                }
            }
        });

        beforeMeasure(o);
        ProcessMemory.Usage before = o.serverPids.isEmpty() ? null : ProcessMemory.of(o.serverPids);
        Pop3Client[] sessions = new Pop3Client[o.sessions];
        AtomicInteger next = new AtomicInteger();
        long openStart = System.nanoTime();
        parallel(o.concurrency, () -> {
            int i;
            while ((i = next.getAndIncrement()) < sessions.length) {
                Users.Account a = users.get(i);
                try {
                    Pop3Client c = Pop3Client.connect(o, 256);
                    try {
                        c.login(a.user(), a.password());
                        c.stat();
                        sessions[i] = c;
                    } catch (Exception e) {
                        c.close();
                        throw e;
                    }
                } catch (Exception e) {
                    errors.record("open session " + i + " (" + a.user() + ")", e);
                }
            }
        });
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        int open = 0;
        for (Pop3Client c : sessions) {
            if (c != null) {
                open++;
            }
        }
        // give the server time to finish any lazy work (GC, process start-up) before measuring
        Thread.sleep(o.settle.toMillis());
        beforeMeasure(o);
        ProcessMemory.Usage after = o.serverPids.isEmpty() ? null : ProcessMemory.of(o.serverPids);

        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger cursor = new AtomicInteger();
        parallel(o.concurrency, () -> {
            int i;
            while ((i = cursor.getAndIncrement()) < sessions.length) {
                Pop3Client c = sessions[i];
                if (c == null) {
                    continue;
                }
                try {
                    c.noop();
                    c.quit();
                } catch (Exception e) {
                    dropped.incrementAndGet();
                    errors.record("idle session " + i + " after the measurement", e);
                    c.close();
                }
            }
        });

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sessions", Integer.toString(o.sessions));
        fields.put("open", Integer.toString(open));
        fields.put("dropped", Integer.toString(dropped.get()));
        fields.put("open_s", String.format(java.util.Locale.ROOT, "%.2f", openSeconds));
        if (before != null) {
            long rssGrowth = after.rssKb() - before.rssKb();
            long pssGrowth = after.pssKb() - before.pssKb();
            fields.put("processes_before", Integer.toString(before.processes()));
            fields.put("processes_after", Integer.toString(after.processes()));
            fields.put("rss_before_kb", Long.toString(before.rssKb()));
            fields.put("rss_after_kb", Long.toString(after.rssKb()));
            fields.put("pss_before_kb", Long.toString(before.pssKb()));
            fields.put("pss_after_kb", Long.toString(after.pssKb()));
            fields.put("rss_per_session_kb", String.format(java.util.Locale.ROOT, "%.1f", open == 0 ? 0.0 : (double) rssGrowth / open));
            fields.put("pss_per_session_kb", String.format(java.util.Locale.ROOT, "%.1f", open == 0 ? 0.0 : (double) pssGrowth / open));
        }
        fields.put("errors", Long.toString(errors.count()));
        return new BenchResult(o, fields, errors, null);
    }

    /**
     * A JVM's resident memory follows its heap sizing as much as its live data: a full collection before
     * each reading (jcmd PID GC.run) makes the two readings comparable.
     */
    private static void beforeMeasure(BenchOptions o) throws Exception {
        if (o.beforeMeasure == null || o.serverPids.isEmpty()) {
            return;
        }
        String cmd = o.beforeMeasure.replace("%p", Long.toString(o.serverPids.get(0)));
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("--before-measure '" + cmd + "' exited with " + p.exitValue());
        }
        Thread.sleep(1000);
    }

    private static void parallel(int threads, Runnable body) throws InterruptedException {
        Thread[] all = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            all[t] = new Thread(body, "bench-idle-" + t);
            all[t].start();
        }
        for (Thread t : all) {
            t.join();
        }
    }
}
