package io.buzon.lmtp;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What an LMTP session needs from the mailbox store. Every method may do blocking work, so each
 * returns a stage that completes on some other thread; the session hops back to its own context.
 */
public interface LmtpBackend {

    /** Checks one recipient; {@code declaredSize} is the MAIL FROM SIZE= value or 0 when none was given. */
    CompletionStage<RecipientCheck> checkRecipient(String address, long declaredSize);

    /** Starts staging one message body; the session pushes the decoded body into the sink. */
    BodySink openBody();

    /**
     * Delivers the staged body to every recipient in order, each in its own transaction, and releases
     * the staged content afterwards. The list has one outcome per recipient, in the same order; an
     * outcome is positive only once that copy is committed.
     */
    CompletionStage<List<DeliveryOutcome>> deliver(StagedBody body, List<Delivery> deliveries, Instant receivedAt);

    /** The answer to RCPT TO; {@code mailbox} is whatever the backend needs to deliver later. */
    record RecipientCheck(Verdict verdict, Object mailbox) {
        public static RecipientCheck of(Verdict verdict) {
            return new RecipientCheck(verdict, null);
        }
    }

    enum Verdict { OK, UNKNOWN, DISABLED, OVER_QUOTA }

    /** One recipient's copy: its mailbox and the trace headers prepended to the shared body. */
    record Delivery(String address, Object mailbox, byte[] headerPrefix) {
    }

    /**
     * The result for one recipient after DATA: delivered ({@code size} octets stored, trace headers
     * included), refused for a reason the sender must hear, or {@code verdict == null} for a temporary failure.
     */
    record DeliveryOutcome(Verdict verdict, String error, long size) {
        public static DeliveryOutcome delivered(long size) {
            return new DeliveryOutcome(Verdict.OK, null, size);
        }

        public static DeliveryOutcome failed(Verdict verdict, String error) {
            return new DeliveryOutcome(verdict, error, 0);
        }
    }

    /** A staged, not yet delivered body; {@code size} is its stored size (CRLF line ends). */
    interface StagedBody {
        long size();
    }

    /**
     * Receives a body chunk by chunk. {@link #write} returns a stage that completes when the sink can
     * take more: the session stops reading from the socket until it does (back-pressure).
     */
    interface BodySink {
        CompletionStage<Void> write(byte[] data, int length);

        CompletionStage<StagedBody> finish();

        /** Drops everything written so far (message too large, connection lost). */
        void abort();
    }
}
