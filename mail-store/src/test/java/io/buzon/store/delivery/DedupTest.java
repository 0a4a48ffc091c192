package io.buzon.store.delivery;

import io.buzon.store.Actor;
import io.buzon.store.NotFoundException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.testing.PostgresTestResource;
import io.buzon.store.testing.StoreFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class DedupTest {

    @Inject
    DeliveryService delivery;

    @Inject
    MaildropService maildrops;

    @Inject
    AccountService accounts;

    @Inject
    StoreFixtures fixtures;

    @Test
    void sameContentForThreeAccountsIsStoredOnceAndCollectedWhenTheLastCopyGoes() throws Exception {
        Account a = fixtures.newAccount();
        Account b = fixtures.newAccount();
        Account c = fixtures.newAccount();
        String body = StoreFixtures.uniqueBody("x".repeat(150_000)); // three 64 KiB chunks in the test config
        StagedContent first = fixtures.stage(body);
        // a second, separate delivery of identical bytes (with LF line ends) finds the first copy
        StagedContent second = delivery.stage(new ByteArrayInputStream(
                body.replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII)));
        assertFalse(first.deduplicated());
        assertTrue(second.deduplicated());
        assertEquals(first.contentId(), second.contentId());
        assertEquals(sha256Hex(body), first.sha256());
        assertEquals(first.sha256(), second.sha256());

        DeliveredMessage ma = delivery.deliver(a.id(), first, "Delivered-To: a\r\n".getBytes(StandardCharsets.US_ASCII), null, null);
        DeliveredMessage mb = delivery.deliver(b.id(), first, "Delivered-To: bb\r\n".getBytes(StandardCharsets.US_ASCII), null, null);
        DeliveredMessage mc = delivery.deliver(c.id(), second, null, null, null);
        long content = first.contentId();
        assertEquals(5, refCount(content)); // 3 messages + 2 staging holds
        delivery.release(first);
        delivery.release(second);
        delivery.release(second); // idempotent
        assertEquals(3, refCount(content));
        assertEquals(1, fixtures.queryLong("select count(*) from content where sha256 = decode(?, 'hex')", first.sha256()));
        assertEquals(3, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", content));
        assertEquals(body.length(), fixtures.queryLong("select sum(length(data)) from content_chunk where content_id = ?", content));

        // each recipient reads its own prefix followed by the shared body
        assertArrayEquals(("Delivered-To: bb\r\n" + body).getBytes(StandardCharsets.US_ASCII),
                maildrops.reader(b.id(), mb.messageId()).asInputStream().readAllBytes());
        assertEquals(body.length() + "Delivered-To: a\r\n".length(), ma.size());
        assertEquals(body.length(), mc.size());

        fixtures.commitAsSession(a.id(), Set.of(ma.messageId()));
        assertEquals(2, refCount(content));
        accounts.delete(Actor.system("test"), b.id());
        assertEquals(1, refCount(content));
        fixtures.commitAsSession(c.id(), Set.of(mc.messageId()));
        assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", content));
        assertEquals(0, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", content));
        // a staging whose content was collected cannot be delivered again
        assertThrows(NotFoundException.class, () -> delivery.deliver(c.id(), first, null, null, null));
    }

    @Test
    void contentNobodyReceivedIsCollectedOnRelease() {
        StagedContent staged = fixtures.stage(StoreFixtures.uniqueBody("rejected by every recipient"));
        assertEquals(1, refCount(staged.contentId()));
        delivery.release(staged);
        assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", staged.contentId()));
        assertEquals(0, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", staged.contentId()));
    }

    @Test
    void concurrentStagingOfIdenticalContentEndsWithOneRow() throws Exception {
        String body = StoreFixtures.uniqueBody("y".repeat(200_000));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<StagedContent>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<StagedContent> task = () -> {
                    start.await();
                    return fixtures.stage(body);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<StagedContent> staged = new ArrayList<>();
            for (Future<StagedContent> f : results) {
                staged.add(f.get());
            }
            long contentId = staged.get(0).contentId();
            assertTrue(staged.stream().allMatch(s -> s.contentId() == contentId), staged.toString());
            assertEquals(1, staged.stream().filter(s -> !s.deduplicated()).count());
            assertEquals(threads, refCount(contentId));
            assertEquals(1, fixtures.queryLong("select count(*) from content where sha256 = decode(?, 'hex')", staged.get(0).sha256()));
            // the losers' chunks are gone: only the winner's four chunks remain
            assertEquals(0, fixtures.queryLong("select count(*) from content where sha256 is null"));
            assertEquals(4, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", contentId));
            staged.forEach(delivery::release);
            assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", contentId));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentStagingOfIdenticalOneChunkContentEndsWithOneRow() throws Exception {
        String body = StoreFixtures.uniqueBody("z".repeat(20_000)); // one chunk: the single-transaction path
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<StagedContent>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return fixtures.stage(body);
                }));
            }
            start.countDown();
            List<StagedContent> staged = new ArrayList<>();
            for (Future<StagedContent> f : results) {
                staged.add(f.get());
            }
            long contentId = staged.get(0).contentId();
            assertTrue(staged.stream().allMatch(s -> s.contentId() == contentId), staged.toString());
            assertEquals(1, staged.stream().filter(s -> !s.deduplicated()).count());
            assertTrue(staged.stream().allMatch(s -> s.size() == body.length()), staged.toString());
            assertEquals(threads, refCount(contentId));
            assertEquals(1, fixtures.queryLong("select count(*) from content where sha256 = decode(?, 'hex')", staged.get(0).sha256()));
            assertEquals(sha256Hex(body), staged.get(0).sha256());
            assertEquals(1, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", contentId));
            staged.forEach(delivery::release);
            assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", contentId));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bodiesAroundOneChunkKeepTheChunkLayoutAndBytes() throws Exception {
        int chunk = 65_536; // buzon.store.chunk-size in the test configuration
        Account account = fixtures.newAccount();
        for (int size : new int[] {0, 2, chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 7}) {
            byte[] body = crlfBody(size);
            StagedContent staged = delivery.stage(new ByteArrayInputStream(body));
            assertEquals(size, staged.size(), "size " + size);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), staged.sha256());
            long chunks = (size + chunk - 1) / chunk;
            assertEquals(chunks, fixtures.queryLong("select count(*) from content_chunk where content_id = ?", staged.contentId()),
                    "chunks of a " + size + "-octet body");
            if (size > chunk) {
                assertEquals(chunk, fixtures.queryLong(
                        "select length(data) from content_chunk where content_id = ? and seq = 0", staged.contentId()));
            }
            assertEquals(0, fixtures.queryLong("select count(*) from content where sha256 is null"), "no pending row left");
            DeliveredMessage m = delivery.deliver(account.id(), staged, null, null, null);
            delivery.release(staged);
            assertArrayEquals(body, maildrops.reader(account.id(), m.messageId()).asInputStream().readAllBytes(), "size " + size);
        }
    }

    /** A body of exactly {@code size} octets that line-ending normalisation leaves unchanged. */
    private static byte[] crlfBody(int size) {
        byte[] b = new byte[size];
        String unique = java.util.UUID.randomUUID().toString();
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 60 == 58 ? '\r' : i % 60 == 59 ? '\n' : unique.charAt(i % unique.length()));
        }
        if (size >= 2) {
            b[size - 2] = '\r';
            b[size - 1] = '\n';
        }
        return b;
    }

    @Test
    void abandonedHoldsAreSwept() {
        StagedContent forgotten = fixtures.stage(StoreFixtures.uniqueBody("deliverer crashed"));
        assertEquals(0, delivery.sweepAbandonedStaging(Duration.ofHours(1)));
        assertEquals(1, refCount(forgotten.contentId()));
        assertTrue(delivery.sweepAbandonedStaging(Duration.ZERO) >= 1);
        assertEquals(0, fixtures.queryLong("select count(*) from content where id = ?", forgotten.contentId()));
    }

    private long refCount(long contentId) {
        return fixtures.queryLong("select ref_count from content where id = ?", contentId);
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }
}
