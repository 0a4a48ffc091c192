package io.buzon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resident (RSS) and proportional (PSS) memory of a server: the given processes and all their
 * descendants, read from {@code /proc/<pid>/smaps_rollup}. A process-per-session server (Dovecot) and a
 * single-process server (Buzón) are thereby measured the same way.
 */
final class ProcessMemory {

    /** Totals over a process tree, in KiB. */
    record Usage(long rssKb, long pssKb, int processes) {
    }

    private ProcessMemory() {
    }

    static Usage of(List<Long> roots) throws IOException {
        long rss = 0;
        long pss = 0;
        int n = 0;
        for (long pid : tree(roots)) {
            Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
            List<String> lines;
            try {
                lines = Files.readAllLines(rollup, StandardCharsets.US_ASCII);
            } catch (IOException gone) {
                continue; // the process ended between listing and reading
            }
            for (String line : lines) {
                if (line.startsWith("Rss:")) {
                    rss += kb(line);
                } else if (line.startsWith("Pss:")) {
                    pss += kb(line);
                }
            }
            n++;
        }
        return new Usage(rss, pss, n);
    }

    private static long kb(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }

    static Set<Long> tree(List<Long> roots) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.US_ASCII);
                    // the command name may hold spaces and parentheses: fields start after the last ')'
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ppid = Long.parseLong(f[1]);
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(p.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        Set<Long> all = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (all.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return all;
    }
}
