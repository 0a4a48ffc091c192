package io.buzon.lmtp;

import io.buzon.store.NotFoundException;
import io.buzon.store.delivery.DeliveryRejectedException;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.RecipientStatus;
import io.buzon.store.delivery.StagedContent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LMTP on the PostgreSQL store. Everything here blocks, so it runs on a pool of its own: staging a body
 * occupies a thread for as long as the client takes to send it, which must not starve Vert.x's shared
 * worker pool (or trip its blocked-thread warnings).
 */
@ApplicationScoped
public class StoreLmtpBackend implements LmtpBackend {

    private static final Logger LOG = Logger.getLogger(StoreLmtpBackend.class);
    /** Decoded body bytes waiting for the staging thread before the socket is paused. */
    static final long PIPE_HIGH_WATER = 512 * 1024;

    private final DeliveryService delivery;
    private final QuotaWarnings quotaWarnings;
    private final ExecutorService workers;

    public StoreLmtpBackend(DeliveryService delivery, QuotaWarnings quotaWarnings, LmtpConfig config) {
        this.delivery = delivery;
        this.quotaWarnings = quotaWarnings;
        AtomicInteger n = new AtomicInteger();
        // One staging thread per message in flight plus short checks; bounded by the connection limit.
        this.workers = new ThreadPoolExecutor(0, Math.max(4, config.maxConnections() * 2), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "lmtp-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }

    @Override
    public CompletionStage<RecipientCheck> checkRecipient(String address, long declaredSize) {
        return CompletableFuture.supplyAsync(() -> {
            io.buzon.store.delivery.RecipientCheck check = delivery.checkRecipient(address, declaredSize);
            return new RecipientCheck(verdict(check.status()), check.accountId());
        }, workers);
    }

    @Override
    public BodySink openBody() {
        return new PipedBodySink(workers, in -> new Staged(delivery.stage(in), delivery), PIPE_HIGH_WATER);
    }

    @Override
    public CompletionStage<List<DeliveryOutcome>> deliver(StagedBody body, List<Delivery> deliveries, Instant receivedAt) {
        Staged staged = (Staged) body;
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<DeliveryOutcome> outcomes = new ArrayList<>(deliveries.size());
                for (Delivery d : deliveries) {
                    outcomes.add(deliverOne((Long) d.mailbox(), staged.content(), d.headerPrefix(), receivedAt));
                }
                return outcomes;
            } finally {
                staged.close();
            }
        }, workers);
    }

    private DeliveryOutcome deliverOne(long accountId, StagedContent content, byte[] prefix, Instant receivedAt) {
        io.buzon.store.delivery.DeliveredMessage delivered;
        try {
            delivered = delivery.deliver(accountId, content, prefix, null, receivedAt);
        } catch (DeliveryRejectedException e) {
            return DeliveryOutcome.failed(verdict(e.status()), e.getMessage());
        } catch (NotFoundException e) {
            return DeliveryOutcome.failed(Verdict.UNKNOWN, e.getMessage()); // deleted since RCPT
        } catch (RuntimeException e) {
            LOG.errorf(e, "LMTP delivery to account %d failed", accountId);
            return DeliveryOutcome.failed(null, e.getMessage());
        }
        try {
            quotaWarnings.afterDelivery(accountId, delivered.quota(), delivered.usageAfter());
        } catch (RuntimeException e) {
            // The message is committed; a missed warning must not turn that into a failure reply.
            LOG.warnf(e, "quota warning check for account %d failed", accountId);
        }
        return DeliveryOutcome.delivered(delivered.size());
    }

    private static Verdict verdict(RecipientStatus status) {
        return switch (status) {
            case OK -> Verdict.OK;
            case UNKNOWN -> Verdict.UNKNOWN;
            case DISABLED -> Verdict.DISABLED;
            case OVER_QUOTA -> Verdict.OVER_QUOTA;
        };
    }

    /** Staged content plus its release, so an abandoned body is let go by {@link PipedBodySink#abort()}. */
    record Staged(StagedContent content, DeliveryService delivery) implements StagedBody, AutoCloseable {
        @Override
        public long size() {
            return content.size();
        }

        @Override
        public void close() {
            try {
                delivery.release(content);
            } catch (RuntimeException e) {
                LOG.warnf(e, "releasing staged content %d failed; the staging sweep will collect it", content.holdId());
            }
        }
    }
}
