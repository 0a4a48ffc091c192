package io.buzon.lmtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A synchronous stand-in for the store, for the transport-free protocol tests only (the listener tests
 * use the real store on PostgreSQL). It records what the session asked for.
 */
final class InMemoryBackend implements LmtpBackend {

    final Map<String, Verdict> verdicts = new HashMap<>();
    final Map<String, Verdict> deliveryVerdicts = new HashMap<>();
    final List<Copy> delivered = new ArrayList<>();

    record Copy(String address, String prefix, String body) {
    }
    final List<String> checked = new ArrayList<>();
    int aborted;
    int opened;

    record Staged(byte[] content) implements StagedBody {
        @Override
        public long size() {
            return content.length;
        }
    }

    @Override
    public CompletionStage<RecipientCheck> checkRecipient(String address, long declaredSize) {
        checked.add(address + "/" + declaredSize);
        return CompletableFuture.completedFuture(
                new RecipientCheck(verdicts.getOrDefault(address, Verdict.UNKNOWN), address));
    }

    @Override
    public BodySink openBody() {
        opened++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new BodySink() {
            @Override
            public CompletionStage<Void> write(byte[] data, int length) {
                out.write(data, 0, length);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<StagedBody> finish() {
                return CompletableFuture.completedFuture(new Staged(out.toByteArray()));
            }

            @Override
            public void abort() {
                aborted++;
            }
        };
    }

    @Override
    public CompletionStage<List<DeliveryOutcome>> deliver(StagedBody body, List<Delivery> deliveries, Instant receivedAt) {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (Delivery d : deliveries) {
            Verdict v = deliveryVerdicts.getOrDefault(d.address(), Verdict.OK);
            if (v == Verdict.OK) {
                delivered.add(new Copy(d.address(), new String(d.headerPrefix(), StandardCharsets.ISO_8859_1),
                        new String(((Staged) body).content(), StandardCharsets.ISO_8859_1)));
                outcomes.add(DeliveryOutcome.delivered(d.headerPrefix().length + ((Staged) body).size()));
            } else {
                outcomes.add(DeliveryOutcome.failed(v, "refused"));
            }
        }
        return CompletableFuture.completedFuture(outcomes);
    }
}
