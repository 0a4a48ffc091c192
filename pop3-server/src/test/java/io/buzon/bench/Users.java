package io.buzon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The accounts the benchmark logs in as, handed out round-robin so every client spreads over all of them. */
public final class Users {

    /** One account. */
    public record Account(String user, String password) {
    }

    private final List<Account> accounts;
    private final AtomicLong next = new AtomicLong();

    private Users(List<Account> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("no users to log in as");
        }
        this.accounts = List.copyOf(accounts);
    }

    public static Users from(BenchOptions o) throws IOException {
        if (o.usersFile != null) {
            return fromFile(Path.of(o.usersFile));
        }
        List<Account> list = new ArrayList<>();
        for (int i = o.userFirst; i < o.userFirst + o.userCount; i++) {
            list.add(new Account(o.userPattern.replace("%d", Integer.toString(i)),
                    o.passwordPattern.replace("%d", Integer.toString(i))));
        }
        return new Users(list);
    }

    /** Reads lines {@code user:password}; blank lines and lines starting with '#' are skipped. */
    public static Users fromFile(Path file) throws IOException {
        List<Account> list = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + ": expected 'user:password', got a line without ':'");
            }
            list.add(new Account(line.substring(0, colon), line.substring(colon + 1)));
        }
        return new Users(list);
    }

    public Account next() {
        return accounts.get((int) (next.getAndIncrement() % accounts.size()));
    }

    /**
     * The accounts of one client thread: thread t of n takes t, t+n, t+2n, ... so that no two threads
     * open the same maildrop at once (a POP3 server may lock it). With fewer accounts than threads they
     * are shared round-robin.
     */
    public java.util.function.Supplier<Account> forThread(int thread, int threads) {
        if (accounts.size() < threads) {
            return this::next;
        }
        int slots = (accounts.size() - thread + threads - 1) / threads;
        int[] i = {0};
        return () -> accounts.get(thread + threads * (i[0]++ % slots));
    }

    public Account get(int index) {
        return accounts.get(index % accounts.size());
    }

    public int size() {
        return accounts.size();
    }
}
