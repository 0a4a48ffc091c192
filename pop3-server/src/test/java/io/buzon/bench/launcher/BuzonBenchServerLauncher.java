package io.buzon.bench.launcher;

import io.buzon.bench.MaildirFixture;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of every normal run): boots Buzón's POP3 server on the real store,
 * loads the users and maildirs that dovecot-setup.sh generated, and serves until
 * {@code $BENCH_DIR/buzon/stop} appears, so the load generator can measure it from another process.
 * Each account gets the SHA512-CRYPT hash of {@code users.passwd} as the migration import stores it
 * ({@link PasswordService#setPasswordHash}), so logins verify the same hashes Dovecot verifies (and the
 * auth module rehashes them at first login, as it would after a real import). Used until the packaged
 * application's own import is part of the benchmark run:
 * {@code mvn -B -q -pl pop3-server -am verify -Dtest=BuzonBenchServerLauncher -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@TestProfile(BuzonBenchProfile.class)
@WithTestResource(PostgresTestResource.class)
class BuzonBenchServerLauncher {

    @Inject
    Pop3Listeners listeners;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    PasswordService passwords;

    @Test
    void serve() throws Exception {
        Path dir = Path.of(BuzonBenchProfile.env("BENCH_DIR", "/var/tmp/buzon-bench"));
        Path state = Files.createDirectories(dir.resolve("buzon"));
        Files.deleteIfExists(state.resolve("stop"));
        Files.deleteIfExists(state.resolve("ready"));
        int users = Integer.parseInt(BuzonBenchProfile.env("BUZON_BENCH_USERS", "600"));
        List<String[]> accountsToLoad = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("users.passwd"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", 3);
            accountsToLoad.add(new String[] {fields[0], fields[1]});
            if (accountsToLoad.size() == users) {
                break;
            }
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> loads = new ArrayList<>();
        for (String[] a : accountsToLoad) {
            loads.add(pool.submit(() -> load(dir.resolve("mail"), a[0], a[1])));
        }
        long octets = 0;
        for (Future<Long> f : loads) {
            octets += f.get();
        }
        pool.shutdown();
        System.out.printf("BENCH loaded %d accounts, %.1f MiB in %.1f s%n", accountsToLoad.size(), octets / 1048576.0,
                (System.nanoTime() - t0) / 1e9);
        long pid = ProcessHandle.current().pid();
        Files.writeString(state.resolve("ready"), "pid=" + pid + " pop3=" + listeners.pop3Port() + " pop3s=" + listeners.pop3sPort() + "\n");
        System.out.println("BENCH ready pid=" + pid + " pop3=" + listeners.pop3Port() + " pop3s=" + listeners.pop3sPort());
        long deadline = System.nanoTime() + Duration.ofMinutes(Long.parseLong(BuzonBenchProfile.env("BUZON_BENCH_MINUTES", "90"))).toNanos();
        while (!Files.exists(state.resolve("stop")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Files.deleteIfExists(state.resolve("ready"));
    }

    private long load(Path mailRoot, String login, String passwdFileHash) throws IOException {
        String domain = login.substring(login.indexOf('@') + 1);
        synchronized (this) {
            if (domains.find(domain).isEmpty()) {
                domains.create(io.buzon.store.Actor.system("bench"), domain, null, null);
            }
        }
        Account account = accounts.findByLogin(login).orElseGet(() -> accounts.create(io.buzon.store.Actor.system("bench"), login, null));
        passwords.importPasswordHash(io.buzon.store.Actor.system("bench"), account.id(), passwdFileHash);
        Path cur = MaildirFixture.maildir(mailRoot, login);
        long octets = 0;
        try (Stream<Path> files = Files.list(cur)) {
            for (Path f : files.sorted().toList()) {
                byte[] crlf = toCrlf(Files.readAllBytes(f));
                StagedContent staged = delivery.stage(new ByteArrayInputStream(crlf));
                try {
                    delivery.deliver(account.id(), staged, null, null, null);
                } finally {
                    delivery.release(staged);
                }
                octets += crlf.length;
            }
        }
        return octets;
    }

    private static byte[] toCrlf(byte[] lf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + lf.length / 40);
        for (byte b : lf) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
