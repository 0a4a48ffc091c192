package io.buzon.lmtp;

import io.buzon.lmtp.LmtpBackend.BodySink;
import io.buzon.lmtp.LmtpBackend.Delivery;
import io.buzon.lmtp.LmtpBackend.DeliveryOutcome;
import io.buzon.lmtp.LmtpBackend.RecipientCheck;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One LMTP conversation (RFC 2033), free of any transport: bytes go in through {@link #receive}, replies
 * come out through {@link Transport#write}. Work that may block (recipient checks, writing body chunks,
 * delivery) is asked of the {@link LmtpBackend}; while it runs the session stops reading
 * ({@link Transport#pause}) and keeps any pipelined bytes that already arrived, then carries on where it
 * stopped. All methods must be called from one context (the connection's event loop); completions of
 * backend work are brought back to it through {@code context}.
 */
public final class LmtpSession {

    /** The connection as the session sees it. */
    public interface Transport {
        void write(byte[] bytes);

        void pause();

        void resume();

        void close();
    }

    /** Hooks for metrics and logs; rejection reasons are short stable words. */
    public interface Events {
        Events NONE = new Events() {
        };

        default void rejected(String reason) {
        }

        default void delivered(long bytes) {
        }
    }

    /** DATA_END and CHUNK_END: all bytes read, waiting for the last body write before answering. */
    private enum Phase { AWAIT_LHLO, READY, MAIL, DATA, DATA_END, BDAT, CHUNK_END, CLOSED }

    private record Recipient(String address, Object mailbox) {
    }

    private static final int READ_AHEAD_LIMIT = 64 * 1024;

    private final LmtpSettings settings;
    private final LmtpBackend backend;
    private final Transport transport;
    private final Executor context;
    private final Events events;
    private final String clientAddress;
    private final String sessionId;

    private Phase phase = Phase.AWAIT_LHLO;
    private String clientName;
    private int errors;

    // the current transaction
    private String sender;
    private long declaredSize;
    private final List<Recipient> recipients = new ArrayList<>();
    private BodySink sink;
    private DotUnstuffer unstuffer;
    private long bodySize;
    private boolean tooLarge;
    private Throwable sinkFailure;
    private long bdatRemaining;
    private boolean bdatLast;
    private boolean bdatStarted;
    private boolean refusedChunk;

    // inbound bytes not yet processed
    private byte[] buffer = new byte[4096];
    private int readPos;
    private int writePos;
    private boolean discardingLongLine;

    private boolean busy;
    private boolean draining;
    private boolean paused;

    public LmtpSession(LmtpSettings settings, LmtpBackend backend, Transport transport, Executor context,
                       Events events, String clientAddress, String sessionId) {
        this.settings = settings;
        this.backend = backend;
        this.transport = transport;
        this.context = context;
        this.events = events;
        this.clientAddress = clientAddress;
        this.sessionId = sessionId;
    }

    /** Sends the greeting; call once when the connection opens. */
    public void start() {
        send(Reply.of(220, null, settings.hostname() + " Buzon LMTP ready"));
    }

    /** Closes with 421 (idle timeout, shutdown, too many connections). */
    public void shutdown(String why) {
        if (phase != Phase.CLOSED) {
            send(Reply.of(421, "4.4.2", settings.hostname() + " " + why));
            closeNow();
        }
    }

    /** The connection went away: drop whatever was staged. */
    public void connectionLost() {
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            abortSink();
        }
    }

    public boolean closed() {
        return phase == Phase.CLOSED;
    }

    /** Feeds bytes read from the connection. */
    public void receive(byte[] data) {
        if (phase == Phase.CLOSED) {
            return;
        }
        append(data);
        drain();
    }

    // ------------------------------------------------------------------------------------------- input

    private void append(byte[] data) {
        if (writePos + data.length > buffer.length) {
            int unread = writePos - readPos;
            if (unread + data.length <= buffer.length) {
                System.arraycopy(buffer, readPos, buffer, 0, unread);
            } else {
                byte[] bigger = new byte[Math.max(buffer.length * 2, unread + data.length)];
                System.arraycopy(buffer, readPos, bigger, 0, unread);
                buffer = bigger;
            }
            readPos = 0;
            writePos = unread;
        }
        System.arraycopy(data, 0, buffer, writePos, data.length);
        writePos += data.length;
    }

    private void drain() {
        if (draining) {
            return; // a synchronous completion inside the loop below; the loop carries on
        }
        draining = true;
        try {
            input:
            while (phase != Phase.CLOSED && !busy
                    && (readPos < writePos || phase == Phase.DATA_END || phase == Phase.CHUNK_END)) {
                switch (phase) {
                    case DATA -> consumeData();
                    case DATA_END -> endOfMessage();
                    case BDAT -> consumeChunk();
                    case CHUNK_END -> chunkComplete();
                    default -> {
                        if (!consumeCommandLine()) {
                            break input; // an incomplete command line: wait for more bytes
                        }
                    }
                }
            }
            if (readPos == writePos) {
                readPos = 0;
                writePos = 0;
                if (buffer.length > 64 * 1024) {
                    buffer = new byte[4096]; // a large body passed through; do not keep its buffer
                }
            }
        } finally {
            draining = false;
        }
        flowControl();
    }

    private void flowControl() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean shouldPause = busy || writePos - readPos > READ_AHEAD_LIMIT;
        if (shouldPause && !paused) {
            paused = true;
            transport.pause();
        } else if (!shouldPause && paused) {
            paused = false;
            transport.resume();
        }
    }

    private int indexOfLf(int from) {
        for (int i = from; i < writePos; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Returns false when no complete line is buffered. */
    private boolean consumeCommandLine() {
        int lf = indexOfLf(readPos);
        if (lf < 0) {
            if (writePos - readPos > settings.maxCommandLength()) {
                discardingLongLine = true;
                readPos = writePos;
            }
            return false;
        }
        int start = readPos;
        readPos = lf + 1;
        if (discardingLongLine) {
            discardingLongLine = false;
            error(Reply.of(500, "5.5.6", "Line too long"), "line-too-long");
            return true;
        }
        int end = lf > start && buffer[lf - 1] == '\r' ? lf - 1 : lf;
        if (end - start + 2 > settings.maxCommandLength()) {
            error(Reply.of(500, "5.5.6", "Line too long"), "line-too-long");
            return true;
        }
        byte[] line = Arrays.copyOfRange(buffer, start, end);
        for (byte b : line) {
            if (b == 0 || b < 0 || b == '\r') {
                error(Reply.of(500, "5.5.2", "Syntax error, invalid characters in command"), "garbage");
                return true;
            }
        }
        command(new String(line, StandardCharsets.US_ASCII));
        return true;
    }

    // ---------------------------------------------------------------------------------------- commands

    private void command(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).trim();
        switch (verb) {
            case "LHLO" -> lhlo(argument);
            case "HELO", "EHLO" -> error(Reply.of(500, "5.5.1", "This is an LMTP server: use LHLO"), "helo");
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "BDAT" -> bdat(argument);
            case "RSET" -> {
                resetTransaction();
                send(Reply.of(250, "2.0.0", "OK"));
            }
            case "NOOP" -> send(Reply.of(250, "2.0.0", "OK"));
            case "VRFY" -> send(Reply.of(252, "2.5.0", "VRFY is not offered; send the message and it will be tried"));
            case "HELP" -> send(Reply.of(214, "2.0.0",
                    "Commands: LHLO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT"));
            case "QUIT" -> {
                send(Reply.of(221, "2.0.0", settings.hostname() + " closing connection"));
                closeNow();
            }
            case "" -> error(Reply.of(500, "5.5.2", "Empty command"), "garbage");
            default -> error(Reply.of(500, "5.5.1", "Command unrecognized"), "unknown-command");
        }
    }

    private void lhlo(String argument) {
        if (argument.isEmpty() || argument.contains(" ")) {
            error(Reply.of(501, "5.5.4", "Syntax: LHLO hostname"), "syntax");
            return;
        }
        resetTransaction();
        clientName = argument;
        phase = Phase.READY;
        send(new Reply(250, null, List.of(
                settings.hostname(),
                "PIPELINING",
                "ENHANCEDSTATUSCODES",
                "8BITMIME",
                "SIZE " + settings.maxMessageSize(),
                "CHUNKING")));
    }

    private void mail(String argument) {
        if (phase == Phase.AWAIT_LHLO) {
            error(Reply.of(503, "5.5.1", "Send LHLO first"), "sequence");
            return;
        }
        if (phase != Phase.READY) {
            error(Reply.of(503, "5.5.1", "Nested MAIL command"), "sequence");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument, "FROM");
        } catch (MailPath.SyntaxException e) {
            error(e.reply(), "syntax");
            return;
        }
        long size = 0;
        for (var param : path.parameters().entrySet()) {
            switch (param.getKey()) {
                case "SIZE" -> {
                    try {
                        size = Long.parseLong(param.getValue() == null ? "" : param.getValue());
                    } catch (NumberFormatException e) {
                        size = -1;
                    }
                    if (size < 0) {
                        error(Reply.of(501, "5.5.4", "Invalid SIZE"), "syntax");
                        return;
                    }
                }
                case "BODY" -> {
                    String body = String.valueOf(param.getValue()).toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        error(Reply.of(501, "5.5.4", "BODY must be 7BIT or 8BITMIME"), "syntax");
                        return;
                    }
                }
                default -> {
                    error(Reply.of(555, "5.5.4", "Unsupported parameter " + param.getKey()), "syntax");
                    return;
                }
            }
        }
        if (size > settings.maxMessageSize()) {
            events.rejected("too-large");
            send(Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
            return;
        }
        sender = path.address();
        declaredSize = size;
        phase = Phase.MAIL;
        send(Reply.of(250, "2.1.0", "OK"));
    }

    private void rcpt(String argument) {
        if (phase != Phase.MAIL || bdatStarted) {
            error(Reply.of(503, "5.5.1", bdatStarted ? "RCPT after BDAT" : "Send MAIL first"), "sequence");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument, "TO");
        } catch (MailPath.SyntaxException e) {
            error(e.reply(), "syntax");
            return;
        }
        if (path.address().isEmpty()) {
            error(Reply.of(501, "5.1.3", "A recipient address is required"), "syntax");
            return;
        }
        if (!path.parameters().isEmpty()) {
            error(Reply.of(555, "5.5.4", "Unsupported parameter " + path.parameters().keySet().iterator().next()),
                    "syntax");
            return;
        }
        if (recipients.size() >= settings.maxRecipients()) {
            events.rejected("too-many-recipients");
            send(Reply.of(452, "4.5.3", "Too many recipients"));
            return;
        }
        String address = path.address();
        await(() -> backend.checkRecipient(address, declaredSize), (check, failure) -> {
            if (failure != null) {
                events.rejected("temporary-failure");
                send(Reply.of(451, "4.3.0", "<" + address + "> Temporary failure, try again later"));
                return;
            }
            Reply reply = recipientReply(address, check);
            if (reply.positive()) {
                recipients.add(new Recipient(address, check.mailbox()));
            }
            send(reply);
        });
    }

    private Reply recipientReply(String address, RecipientCheck check) {
        return switch (check.verdict()) {
            case OK -> Reply.of(250, "2.1.5", "<" + address + "> OK");
            case UNKNOWN -> {
                events.rejected("unknown-user");
                yield Reply.of(550, "5.1.1", "<" + address + "> User doesn't exist");
            }
            case DISABLED -> {
                events.rejected("disabled");
                yield Reply.of(550, "5.2.1", "<" + address + "> Mailbox disabled");
            }
            case OVER_QUOTA -> {
                events.rejected("over-quota");
                yield overQuota(address);
            }
        };
    }

    private Reply overQuota(String address) {
        return settings.quotaFullTempfail()
                ? Reply.of(452, "4.2.2", "<" + address + "> Mailbox is full")
                : Reply.of(552, "5.2.2", "<" + address + "> Mailbox is full");
    }

    private void data(String argument) {
        if (phase != Phase.MAIL || bdatStarted) {
            error(Reply.of(503, "5.5.1", bdatStarted ? "DATA after BDAT" : "Send MAIL first"), "sequence");
            return;
        }
        if (!argument.isEmpty()) {
            error(Reply.of(501, "5.5.4", "DATA takes no argument"), "syntax");
            return;
        }
        if (recipients.isEmpty()) {
            error(Reply.of(503, "5.5.1", "No valid recipients"), "sequence");
            return;
        }
        openBody();
        unstuffer = new DotUnstuffer();
        phase = Phase.DATA;
        send(Reply.of(354, null, "Start mail input; end with <CRLF>.<CRLF>"));
    }

    private void bdat(String argument) {
        String[] parts = argument.isEmpty() ? new String[0] : argument.split(" +");
        long size = -1;
        boolean last = false;
        if (parts.length == 1 || parts.length == 2) {
            try {
                size = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                size = -1;
            }
            last = parts.length == 2 && parts[1].equalsIgnoreCase("LAST");
            if (parts.length == 2 && !last) {
                size = -1;
            }
        }
        if (size < 0) {
            // Without a valid size the chunk cannot be skipped: the stream is lost, close it.
            send(Reply.of(501, "5.5.4", "Syntax: BDAT size [LAST]; closing connection"));
            events.rejected("syntax");
            closeNow();
            return;
        }
        bdatRemaining = size;
        bdatLast = last;
        if (phase == Phase.MAIL && !recipients.isEmpty()) {
            if (!bdatStarted) {
                bdatStarted = true;
                openBody();
            }
            phase = Phase.BDAT;
        } else {
            refusedChunk = true; // the chunk is read and thrown away, then refused
            phase = Phase.BDAT;
        }
        if (size == 0) {
            phase = Phase.CHUNK_END;
        }
    }

    // -------------------------------------------------------------------------------------------- body

    private void openBody() {
        bodySize = 0;
        tooLarge = false;
        sinkFailure = null;
        try {
            sink = backend.openBody();
        } catch (RuntimeException e) {
            // No staging possible now (worker pool exhausted...): read the body anyway, then answer 451.
            sink = null;
            sinkFailure = e;
        }
    }

    private void consumeData() {
        DotUnstuffer.Chunk chunk = unstuffer.decode(buffer, readPos, writePos - readPos);
        readPos += chunk.consumed();
        writeBody(chunk.data(), chunk.length());
        if (chunk.finished()) {
            unstuffer = null;
            phase = Phase.DATA_END;
        }
    }

    private void consumeChunk() {
        int n = (int) Math.min(bdatRemaining, writePos - readPos);
        bdatRemaining -= n;
        if (refusedChunk) {
            readPos += n;
        } else {
            byte[] data = Arrays.copyOfRange(buffer, readPos, readPos + n);
            readPos += n;
            writeBody(data, n);
        }
        if (bdatRemaining == 0) {
            phase = Phase.CHUNK_END;
        }
    }

    private void chunkComplete() {
        if (refusedChunk) {
            refusedChunk = false;
            boolean noRecipients = sender != null;
            phase = clientName == null ? Phase.AWAIT_LHLO : Phase.READY;
            resetTransaction();
            error(Reply.of(503, "5.5.1", noRecipients ? "No valid recipients" : "Send MAIL and RCPT first"),
                    "sequence");
        } else if (bdatLast) {
            endOfMessage();
        } else {
            phase = Phase.MAIL;
            if (tooLarge) {
                // Refused at once; later chunks are read and refused the same way until LAST or RSET.
                send(Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
            } else {
                send(Reply.of(250, "2.0.0", bodySize + " octets received"));
            }
        }
    }

    private void writeBody(byte[] data, int length) {
        if (length == 0 || sinkFailure != null) {
            return;
        }
        bodySize += length;
        if (bodySize > settings.maxMessageSize()) {
            if (!tooLarge) {
                tooLarge = true;
                abortSink();
            }
            return;
        }
        if (tooLarge) {
            return;
        }
        BodySink target = sink;
        await(() -> target.write(data, length), (ignored, failure) -> {
            if (failure != null && sinkFailure == null) {
                sinkFailure = failure;
                abortSink();
            }
        });
    }

    private void endOfMessage() {
        phase = Phase.READY;
        List<Recipient> accepted = List.copyOf(recipients);
        String from = sender;
        BodySink body = sink;
        boolean refused = tooLarge;
        boolean failed = sinkFailure != null;
        sink = null;
        resetTransaction();
        if (refused) {
            events.rejected("too-large");
            for (Recipient r : accepted) {
                send(Reply.of(552, "5.3.4", "<" + r.address() + "> Message size exceeds fixed maximum message size"));
            }
            return;
        }
        if (failed) {
            temporaryFailure(accepted); // the sink was aborted when the write failed
            return;
        }
        ZonedDateTime now = TraceHeaders.now();
        List<Delivery> deliveries = new ArrayList<>(accepted.size());
        for (Recipient r : accepted) {
            deliveries.add(new Delivery(r.address(), r.mailbox(), TraceHeaders.build(from, r.address(),
                    clientName, clientAddress, settings.hostname(), sessionId, now)));
        }
        await(() -> body.finish().thenCompose(staged -> backend.deliver(staged, deliveries, now.toInstant())),
                (outcomes, failure) -> {
            if (failure != null) {
                temporaryFailure(accepted);
                return;
            }
            for (int i = 0; i < accepted.size(); i++) {
                String address = accepted.get(i).address();
                DeliveryOutcome outcome = i < outcomes.size() ? outcomes.get(i) : null;
                send(outcomeReply(address, outcome));
            }
        });
    }

    private Reply outcomeReply(String address, DeliveryOutcome outcome) {
        if (outcome == null || outcome.verdict() == null) {
            events.rejected("temporary-failure");
            return Reply.of(451, "4.3.0", "<" + address + "> Temporary failure, try again later");
        }
        return switch (outcome.verdict()) {
            case OK -> {
                events.delivered(outcome.size());
                yield Reply.of(250, "2.0.0", "<" + address + "> " + sessionId + " Saved");
            }
            case OVER_QUOTA -> {
                events.rejected("over-quota");
                yield overQuota(address);
            }
            case UNKNOWN -> {
                events.rejected("unknown-user");
                yield Reply.of(550, "5.1.1", "<" + address + "> User doesn't exist");
            }
            case DISABLED -> {
                events.rejected("disabled");
                yield Reply.of(550, "5.2.1", "<" + address + "> Mailbox disabled");
            }
        };
    }

    private void temporaryFailure(List<Recipient> accepted) {
        for (Recipient r : accepted) {
            events.rejected("temporary-failure");
            send(Reply.of(451, "4.3.0", "<" + r.address() + "> Temporary failure, try again later"));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void resetTransaction() {
        abortSink();
        sender = null;
        declaredSize = 0;
        recipients.clear();
        unstuffer = null;
        bodySize = 0;
        tooLarge = false;
        sinkFailure = null;
        bdatStarted = false;
        bdatRemaining = 0;
        bdatLast = false;
        if (phase != Phase.AWAIT_LHLO && phase != Phase.CLOSED) {
            phase = Phase.READY;
        }
    }

    private void abortSink() {
        if (sink != null) {
            BodySink s = sink;
            sink = null;
            s.abort();
        }
    }

    /**
     * Runs backend work and stops reading until it completes; {@code then} runs on the session's context.
     */
    private <T> void await(Supplier<CompletionStage<T>> work, BiConsumer<T, Throwable> then) {
        busy = true;
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            // Already finished (a body chunk the pipe took at once): no hop, no pause.
            busy = false;
            T value = null;
            Throwable failure = null;
            try {
                value = future.join();
            } catch (RuntimeException e) {
                failure = unwrap(e);
            }
            then.accept(value, failure);
            return;
        }
        future.whenComplete((value, failure) -> context.execute(() -> {
            busy = false;
            if (phase == Phase.CLOSED) {
                return; // the client left; whatever was committed stays committed
            }
            then.accept(value, unwrap(failure));
            drain();
        }));
        if (busy) {
            flowControl();
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void error(Reply reply, String reason) {
        events.rejected(reason);
        errors++;
        if (errors > settings.maxErrors()) {
            send(Reply.of(421, "4.7.0", settings.hostname() + " Too many errors, closing connection"));
            closeNow();
            return;
        }
        send(reply);
    }

    private void send(Reply reply) {
        if (phase != Phase.CLOSED) {
            transport.write(reply.toWire());
        }
    }

    private void closeNow() {
        phase = Phase.CLOSED;
        abortSink();
        transport.close();
    }
}
