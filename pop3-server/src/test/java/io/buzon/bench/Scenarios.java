package io.buzon.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The closed-loop scenarios: what one client thread does per operation. */
final class Scenarios {

    private Scenarios() {
    }

    /** connect (+TLS), USER/PASS, STAT, QUIT: one sample per session. */
    static ClosedLoop.Work login(BenchOptions o, Users users, int thread) {
        Supplier<Users.Account> accounts = users.forThread(thread, o.concurrency);
        return sink -> {
            Users.Account a = accounts.get();
            long start = System.nanoTime();
            try (Pop3Client c = Pop3Client.connect(o, 1024)) {
                c.login(a.user(), a.password());
                c.stat();
                c.quit();
            }
            sink.sample(System.nanoTime() - start, 0);
        };
    }

    /**
     * Opening a large maildrop: connect, USER/PASS, STAT (and UIDL with {@code --uidl true}), QUIT, one
     * sample per session. With {@code --expect-messages} a different count is an error, so a server that
     * answered before reading its mailbox would not pass.
     */
    static ClosedLoop.Work stat(BenchOptions o, Users users, int thread) {
        Supplier<Users.Account> accounts = users.forThread(thread, o.concurrency);
        return sink -> {
            Users.Account a = accounts.get();
            long start = System.nanoTime();
            try (Pop3Client c = Pop3Client.connect(o, 64 * 1024)) {
                c.login(a.user(), a.password());
                long count = c.stat()[0];
                expectCount(o, a, "STAT", count);
                if (o.statUidl) {
                    expectCount(o, a, "UIDL", c.uidl().size());
                }
                c.quit();
            }
            sink.sample(System.nanoTime() - start, 0);
        };
    }

    private static void expectCount(BenchOptions o, Users.Account a, String what, long count) {
        if (o.expectMessages >= 0 && count != o.expectMessages) {
            throw new IllegalStateException(what + " of " + a.user() + " counted " + count + " messages, expected "
                    + o.expectMessages);
        }
    }

    /**
     * LIST, then RETR of every message whose LIST size is in [min-size, max-size], each checked to the
     * octet against LIST: one sample per RETR, payload = message octets. With {@code --relogin true}
     * every pass is a new session (the time includes connect and login); with false each client keeps
     * one session and passes repeat in it, which measures retrieval alone.
     */
    static ClosedLoop.Work retr(BenchOptions o, Users users, int thread) {
        Supplier<Users.Account> accounts = users.forThread(thread, o.concurrency);
        return new ClosedLoop.Work() {
            private Pop3Client kept;
            private Users.Account keptAccount;

            @Override
            public void once(ClosedLoop.Sink sink) throws Exception {
                if (o.relogin) {
                    Users.Account a = accounts.get();
                    try (Pop3Client c = Pop3Client.connect(o, 64 * 1024)) {
                        c.login(a.user(), a.password());
                        retrieveAll(c, a, sink);
                        c.quit();
                    }
                    return;
                }
                if (kept == null) {
                    keptAccount = accounts.get();
                    kept = Pop3Client.connect(o, 64 * 1024);
                    kept.login(keptAccount.user(), keptAccount.password());
                }
                retrieveAll(kept, keptAccount, sink);
            }

            private void retrieveAll(Pop3Client c, Users.Account a, ClosedLoop.Sink sink) throws Exception {
                int fetched = 0;
                for (Pop3Client.Entry e : c.list()) {
                    if (e.size() < o.minSize || e.size() > o.maxSize) {
                        continue;
                    }
                    long start = System.nanoTime();
                    long got = c.retr(e.number());
                    long nanos = System.nanoTime() - start;
                    checkSize(a, e, got);
                    sink.sample(nanos, got);
                    fetched++;
                }
                if (fetched == 0) {
                    throw new IllegalStateException(a.user() + " has no message between " + o.minSize + " and " + o.maxSize + " octets");
                }
            }

            @Override
            public void reset() {
                if (kept != null) {
                    kept.close();
                    kept = null;
                }
            }

            @Override
            public void close() {
                if (kept != null) {
                    try {
                        kept.quit();
                    } catch (Exception e) {
                        kept.close();
                    }
                    kept = null;
                }
            }
        };
    }

    /**
     * A realistic mix: most sessions poll (STAT, UIDL, QUIT) and find nothing new; every fourth
     * retrieves the first message in the size range, DELEtes it and QUITs, and, when an LMTP port is
     * given, a message of message-size is delivered to that user so the mailbox keeps its size.
     */
    static ClosedLoop.Work churn(BenchOptions o, Users users, int thread) {
        Supplier<Users.Account> accounts = users.forThread(thread, o.concurrency);
        Delivery delivery = o.lmtpPort > 0 ? new Delivery(o, thread) : null;
        long[] n = {0};
        return new ClosedLoop.Work() {
            @Override
            public void once(ClosedLoop.Sink sink) throws Exception {
                Users.Account a = accounts.get();
                boolean take = n[0]++ % 4 == 0;
                long start = System.nanoTime();
                long bytes = 0;
                boolean deleted = false;
                try (Pop3Client c = Pop3Client.connect(o, 64 * 1024)) {
                    c.login(a.user(), a.password());
                    c.stat();
                    c.uidl();
                    if (take) {
                        for (Pop3Client.Entry e : c.list()) {
                            if (e.size() >= o.minSize && e.size() <= o.maxSize) {
                                long got = c.retr(e.number());
                                checkSize(a, e, got);
                                bytes = got;
                                c.dele(e.number());
                                deleted = true;
                                break;
                            }
                        }
                    }
                    c.quit();
                }
                sink.sample(System.nanoTime() - start, bytes);
                if (deleted && delivery != null) {
                    delivery.deliverTo(a.user());
                }
            }

            @Override
            public void reset() {
                if (delivery != null) {
                    delivery.reset();
                }
            }

            @Override
            public void close() {
                if (delivery != null) {
                    delivery.close();
                }
            }
        };
    }

    /** LMTP delivery of message-size messages, one recipient each, connections reused --reuse times. */
    static ClosedLoop.Work lmtp(BenchOptions o, Users users, int thread) {
        Delivery delivery = new Delivery(o, thread);
        return new ClosedLoop.Work() {
            @Override
            public void once(ClosedLoop.Sink sink) throws Exception {
                String to = users.next().user();
                long start = System.nanoTime();
                delivery.deliverTo(to);
                sink.sample(System.nanoTime() - start, o.messageSize);
            }

            @Override
            public void reset() {
                delivery.reset();
            }

            @Override
            public void close() {
                delivery.close();
            }
        };
    }

    private static void checkSize(Users.Account a, Pop3Client.Entry e, long got) {
        if (got != e.size()) {
            throw new SizeMismatch("RETR " + e.number() + " of " + a.user() + ": LIST said " + e.size()
                    + " octets, the un-stuffed body had " + got);
        }
    }

    /** RETR delivered a different number of octets than LIST announced. */
    static final class SizeMismatch extends IllegalStateException {
        SizeMismatch(String message) {
            super(message);
        }
    }

    /** One thread's LMTP connection and its unique messages. */
    static final class Delivery implements AutoCloseable {
        private static final String COUNTER_FORMAT = "%012d";

        private final BenchOptions o;
        private final byte[] stuffed;
        private final int[] counterOffsets;
        private LmtpClient client;
        private int used;
        private long sent;

        Delivery(BenchOptions o, int thread) {
            this.o = o;
            String tag = "t" + thread + "-" + String.format(COUNTER_FORMAT, 0);
            this.stuffed = Messages.stuff(Messages.message(o.messageSize, tag));
            byte[] needle = tag.getBytes(StandardCharsets.US_ASCII);
            int subject = indexOf(stuffed, needle, 0);
            int messageId = indexOf(stuffed, needle, subject + 1);
            this.counterOffsets = new int[] {subject + tag.length() - 12, messageId + tag.length() - 12};
        }

        void deliverTo(String recipient) throws Exception {
            if (client == null || used >= o.reuse) {
                if (client != null) {
                    client.quit();
                }
                client = new LmtpClient(o.host, o.lmtpPort > 0 ? o.lmtpPort : o.port, (int) o.timeout.toMillis());
                used = 0;
            }
            // every message differs (its Message-ID), so no server can store it once for all
            byte[] digits = String.format(COUNTER_FORMAT, ++sent).getBytes(StandardCharsets.US_ASCII);
            for (int offset : counterOffsets) {
                System.arraycopy(digits, 0, stuffed, offset, digits.length);
            }
            client.deliver("bench@bench.test", List.of(recipient), stuffed);
            used++;
        }

        void reset() {
            if (client != null) {
                client.close();
                client = null;
            }
        }

        @Override
        public void close() {
            if (client != null) {
                try {
                    client.quit();
                } catch (Exception ignored) {
                    client.close();
                }
                client = null;
            }
        }

        private static int indexOf(byte[] hay, byte[] needle, int from) {
            outer:
            for (int i = from; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("tag not found in generated message");
        }
    }
}
