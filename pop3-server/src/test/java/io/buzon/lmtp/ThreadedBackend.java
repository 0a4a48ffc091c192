package io.buzon.lmtp;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * For the listener tests without a database: answers from worker threads like the store adapter does and
 * keeps only a SHA-256 and the length of each body, so a large message is never held by the test either.
 */
final class ThreadedBackend implements LmtpBackend, AutoCloseable {

    final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    final List<String> deliveries = new CopyOnWriteArrayList<>();
    final ExecutorService workers = Executors.newCachedThreadPool();
    volatile LongConsumer progress = n -> { };

    record Digest(long size, String sha256, byte[] firstBytes) implements StagedBody {
    }

    @Override
    public CompletionStage<RecipientCheck> checkRecipient(String address, long declaredSize) {
        return CompletableFuture.supplyAsync(() -> new RecipientCheck(verdicts.getOrDefault(address, Verdict.UNKNOWN),
                address), workers);
    }

    @Override
    public BodySink openBody() {
        return new PipedBodySink(workers, this::digest, 256 * 1024);
    }

    private StagedBody digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        byte[] first = new byte[4096];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            if (total < first.length) {
                System.arraycopy(buf, 0, first, (int) total, (int) Math.min(n, first.length - total));
            }
            sha.update(buf, 0, n);
            total += n;
            progress.accept(total);
        }
        return new Digest(total, HexFormat.of().formatHex(sha.digest()),
                java.util.Arrays.copyOf(first, (int) Math.min(total, first.length)));
    }

    @Override
    public CompletionStage<List<DeliveryOutcome>> deliver(StagedBody body, List<Delivery> list, Instant receivedAt) {
        return CompletableFuture.supplyAsync(() -> {
            List<DeliveryOutcome> out = new ArrayList<>();
            for (Delivery d : list) {
                Digest digest = (Digest) body;
                deliveries.add(d.address() + " " + digest.size() + " " + digest.sha256());
                out.add(DeliveryOutcome.delivered(digest.size()));
            }
            return out;
        }, workers);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
