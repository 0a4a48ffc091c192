package io.buzon.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the benchmark's mail as Dovecot keeps it: {@code ROOT/<domain>/<local>/Maildir/cur/} files with
 * LF line ends, named with their stored size {@code S=} and CRLF size {@code W=} the way Dovecot's own
 * delivery names them. Users 1..filled get {@code small-count} messages of {@code small} octets and one of
 * {@code large}; users 1..huge-users also one of {@code huge}; every other user one 2 KiB message.
 * With {@code --single-user NAME} only that user's maildir is written: {@code small-count} messages of
 * {@code small} octets (the 100,000-message mailbox of the {@code stat} scenario).
 * Sizes are POP3 sizes (CRLF form), so LIST reports exactly them. The same tree is what Buzón's
 * migration import reads, so both servers hold the same messages.
 */
public final class MaildirFixture {

    private MaildirFixture() {
    }

    public static void main(String[] args) throws IOException {
        Path root = null;
        String pattern = "bench%d@bench.test";
        int users = 1000;
        int filled = 16;
        int smallCount = 20;
        long small = 100 * 1024;
        long large = 10 * 1024 * 1024;
        long huge = 50 * 1024 * 1024;
        int hugeUsers = 1;
        String singleUser = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--root" -> root = Path.of(v);
                case "--user-pattern" -> pattern = v;
                case "--users" -> users = Integer.parseInt(v);
                case "--filled" -> filled = Integer.parseInt(v);
                case "--small-count" -> smallCount = Integer.parseInt(v);
                case "--small" -> small = BenchOptions.parseBytes(v);
                case "--large" -> large = BenchOptions.parseBytes(v);
                case "--huge" -> huge = BenchOptions.parseBytes(v);
                case "--huge-users" -> hugeUsers = Integer.parseInt(v);
                case "--single-user" -> singleUser = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("--root DIR is required");
        }
        if (singleUser != null) {
            Path cur = maildir(root, singleUser);
            long octets = 0;
            for (int m = 1; m <= smallCount; m++) {
                octets += write(cur, singleUser, m, small);
            }
            System.out.printf(Locale.ROOT, "wrote %d messages (%.1f MiB in POP3 form) for %s under %s%n",
                    smallCount, octets / 1048576.0, singleUser, root);
            return;
        }
        long files = 0;
        long octets = 0;
        for (int u = 1; u <= users; u++) {
            String user = pattern.replace("%d", Integer.toString(u));
            Path cur = maildir(root, user);
            int seq = 0;
            if (u <= filled) {
                for (int m = 0; m < smallCount; m++) {
                    octets += write(cur, user, ++seq, small);
                }
                if (large > 0) {
                    octets += write(cur, user, ++seq, large);
                }
                if (u <= hugeUsers && huge > 0) {
                    octets += write(cur, user, ++seq, huge);
                }
            } else {
                octets += write(cur, user, ++seq, 2048);
            }
            files += seq;
        }
        System.out.printf(Locale.ROOT, "wrote %d messages (%.1f MiB in POP3 form) for %d users under %s%n",
                files, octets / 1048576.0, users, root);
    }

    /** {@code root/domain/local/Maildir/cur}, with new/ and tmp/ beside it. */
    public static Path maildir(Path root, String user) throws IOException {
        int at = user.indexOf('@');
        String local = at < 0 ? user : user.substring(0, at);
        String domain = at < 0 ? "localhost" : user.substring(at + 1);
        Path md = root.resolve(domain).resolve(local).resolve("Maildir");
        Files.createDirectories(md.resolve("new"));
        Files.createDirectories(md.resolve("tmp"));
        return Files.createDirectories(md.resolve("cur"));
    }

    private static long write(Path cur, String user, int seq, long popSize) throws IOException {
        byte[] crlf = Messages.message(Math.toIntExact(popSize), user.replace('@', '.') + "-" + seq);
        byte[] lf = new byte[crlf.length];
        int n = 0;
        for (byte b : crlf) {
            if (b != '\r') {
                lf[n++] = b;
            }
        }
        // a fixed time keeps names (and Dovecot's default UIDLs) the same on every machine
        long time = 1764403200L + seq;
        String name = time + ".M" + seq + "P1.bench,S=" + n + ",W=" + crlf.length + ":2,S";
        try (OutputStream out = Files.newOutputStream(cur.resolve(name))) {
            out.write(lf, 0, n);
        }
        return crlf.length;
    }
}
