package io.buzon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every failed operation and keeps the first few messages for the report. */
final class ErrorLog {

    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new ArrayList<>();
    private final int keep;

    ErrorLog(int keep) {
        this.keep = keep;
    }

    void record(String context, Throwable t) {
        count.incrementAndGet();
        synchronized (first) {
            if (first.size() < keep) {
                String msg = t.getMessage() == null ? "" : ": " + t.getMessage();
                first.add(context + ": " + t.getClass().getSimpleName() + msg);
            }
        }
    }

    long count() {
        return count.get();
    }

    List<String> first() {
        synchronized (first) {
            return List.copyOf(first);
        }
    }
}
