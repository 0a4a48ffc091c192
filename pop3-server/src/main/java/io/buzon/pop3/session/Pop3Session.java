package io.buzon.pop3.session;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.LeaseState;
import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.CommandParser;
import io.buzon.pop3.protocol.CommandSyntax;
import io.buzon.pop3.protocol.InputLine;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.protocol.ResponseCode;
import io.buzon.pop3.sasl.FinalAcknowledgement;
import io.buzon.pop3.sasl.SaslExchange;
import io.buzon.pop3.sasl.SaslMechanism;
import io.buzon.pop3.sasl.SaslStep;
import io.buzon.pop3.sasl.ScramSha256Exchange;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One POP3 session, free of any transport: lines in, bytes out through {@link Pop3Transport}, store work
 * through {@link MailboxBackend} on the {@link SessionRuntime}'s worker threads. The transport hands in
 * one line at a time and waits for the returned stage, which is how pipelined commands run in order.
 * All methods run on the session's own thread (a Vert.x event loop).
 */
public final class Pop3Session {

    private static final Logger LOG = Logger.getLogger(Pop3Session.class);
    /** First retrievals are written in batches of this many, or when the oldest waits this long. */
    static final int RETRIEVAL_BATCH = 256;
    static final long RETRIEVAL_MAX_AGE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final String id;
    private final String remoteAddress;
    private final boolean trustedNetwork;
    private final Pop3Transport transport;
    private final MailboxBackend backend;
    private final SessionRuntime runtime;
    private final Pop3Settings settings;
    private final CommandTable table;
    private final CommandGate gate;
    private final SessionListener listener;
    private final MultiLineWriter writer;

    private SessionState state = new SessionState.Authorization(0, null);
    private boolean utf8;
    private int consecutiveErrors;
    private RetentionHint accountRetention = RetentionHint.NONE;
    private long lockedAtNanos;
    /** Owner id of the maildrop lease while held; read by the heartbeat thread. */
    private volatile String leaseOwner;

    public Pop3Session(String id, String remoteAddress, boolean trustedNetwork, Pop3Transport transport,
                       MailboxBackend backend, SessionRuntime runtime, Pop3Settings settings, CommandTable table,
                       SessionListener listener) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.trustedNetwork = trustedNetwork;
        this.transport = transport;
        this.backend = backend;
        this.runtime = runtime;
        this.settings = settings;
        this.table = table;
        this.gate = new CommandGate(table);
        this.listener = listener;
        this.writer = new MultiLineWriter(transport, runtime, listener, settings.chunkOctets());
    }

    // ---- driven by the transport -------------------------------------------------------------------

    public CompletionStage<Void> greet() {
        return reply(Reply.ok(settings.implementation() + " POP3 server ready"));
    }

    /** Handles one client line; the stage completes when its response has been handed to the transport. */
    public CompletionStage<Void> onLine(InputLine line) {
        if (state instanceof SessionState.Closed) {
            return done();
        }
        if (state instanceof SessionState.Sasl sasl) {
            return guarded("AUTH", saslResponse(sasl, line));
        }
        CommandSyntax.Result decoded = CommandSyntax.decode(line);
        if (decoded instanceof CommandSyntax.Invalid invalid) {
            listener.command("INVALID");
            return protocolError(invalid.reason());
        }
        Command command = ((CommandSyntax.Parsed) decoded).command();
        listener.command(table.handler(command.verb()) == null ? "UNKNOWN" : command.verb());
        var refusal = gate.refusal(command, this);
        if (refusal.isPresent()) {
            return protocolError(refusal.get());
        }
        consecutiveErrors = 0;
        LOG.debugf("pop3 session=%s command=%s", id, command);
        CompletionStage<Void> handled;
        try {
            handled = table.handler(command.verb()).handle(command, this);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return guarded(command.verb(), handled);
    }

    /** The longest line the parser should accept now: SASL responses may exceed a command's 255 octets. */
    public int maxLineOctets() {
        return state instanceof SessionState.Sasl ? settings.maxSaslLineOctets() : CommandParser.MAX_COMMAND_OCTETS;
    }

    /**
     * The connection is gone (drop, idle timeout): nothing is deleted, the lock is released.
     * Safe to call more than once.
     */
    public void onDisconnect() {
        SessionState previous = state;
        state = new SessionState.Closed();
        if (previous instanceof SessionState.Transaction transaction) {
            int marked = transaction.maildrop().deletedMessageIds().size();
            if (marked > 0) {
                LOG.infof("pop3 session=%s ended without QUIT: %d deletion marks dropped, nothing deleted", id, marked);
            }
            recordRetrievalsAndRelease(transaction);
        }
    }

    /** Ends the session from the server side (shutdown, console request): a last -ERR, nothing deleted. */
    public CompletionStage<Void> terminate(String reason) {
        if (state instanceof SessionState.Closed) {
            return done();
        }
        LOG.infof("pop3 session=%s terminated by the server: %s", id, reason);
        CompletionStage<Void> written = reply(Reply.err(ResponseCode.SYS_TEMP, reason));
        onDisconnect();
        return written.handle((ignored, error) -> {
            transport.close();
            return null;
        });
    }

    /**
     * Checks the maildrop lease: whether the console asked for this session to end, or the lease was lost
     * (another replica may own the maildrop now). Called by the transport on a timer.
     */
    public CompletionStage<Void> checkLease(Map<String, LeaseState> states, long renewalStartedNanos) {
        if (!(state instanceof SessionState.Transaction transaction) || lockedAtNanos - renewalStartedNanos > 0) {
            // Not locked, or locked after the states were read: nothing to learn from them.
            return done();
        }
        LeaseState lease = states.getOrDefault(transaction.lock().ownerId(), LeaseState.LOST);
        return switch (lease) {
            case HELD -> done();
            case TERMINATION_REQUESTED -> terminate("Session ended by an administrator");
            case LOST -> terminate("Maildrop lock lost");
        };
    }

    // ---- used by command handlers ------------------------------------------------------------------

    public SessionState state() {
        return state;
    }

    public void state(SessionState next) {
        this.state = next;
    }

    public SessionState.Transaction transaction() {
        return (SessionState.Transaction) state;
    }

    public String id() {
        return id;
    }

    public ClientInfo client() {
        return new ClientInfo(id, remoteAddress, transport.secure());
    }

    public boolean secure() {
        return transport.secure();
    }

    public boolean plaintextAuthAllowed() {
        return settings.allowPlaintextAuth() || trustedNetwork || transport.secure();
    }

    public boolean utf8() {
        return utf8;
    }

    public void enableUtf8() {
        utf8 = true;
    }

    public MailboxBackend backend() {
        return backend;
    }

    public SessionRuntime runtime() {
        return runtime;
    }

    public Pop3Settings settings() {
        return settings;
    }

    public CommandTable table() {
        return table;
    }

    /** Owner id of the maildrop lease this session holds, or null; safe from any thread. */
    public String leaseOwner() {
        return leaseOwner;
    }

    /** Octets sent to the client so far (greeting, replies, messages); safe from any thread. */
    public long octetsSent() {
        return writer.octetsSent();
    }

    /** A lease release that failed; the server retries it. Thread-safe. */
    public void releaseFailed(MaildropLock lock) {
        listener.releaseFailed(lock);
    }

    public MultiLineWriter writer() {
        return writer;
    }

    public Pop3Transport transport() {
        return transport;
    }

    public boolean open() {
        return !(state instanceof SessionState.Closed);
    }

    public CompletionStage<Void> reply(byte[] response) {
        return writer.send(response);
    }

    public CompletionStage<Void> ok(String text) {
        return reply(Reply.ok(text));
    }

    public CompletionStage<Void> err(String text) {
        return reply(Reply.err(text));
    }

    public CompletionStage<Void> err(ResponseCode code, String text) {
        return reply(Reply.err(code, text));
    }

    /** The CAPA context for the current state; the retention bound is fetched before login. */
    public CompletionStage<CapabilityContext> capabilityContext() {
        CompletionStage<RetentionHint> retention = state.phase() == SessionState.Phase.TRANSACTION
                ? CompletableFuture.completedFuture(accountRetention)
                : runtime.runBlocking(backend::retentionBound).exceptionally(error -> {
                    LOG.warnf("pop3 session=%s retention bound unavailable: %s", id, rootMessage(error));
                    return null;
                });
        return retention.thenApply(hint -> {
            List<String> mechanisms = new ArrayList<>();
            for (SaslMechanism mechanism : table.mechanisms()) {
                if (!mechanism.plaintext() || plaintextAuthAllowed()) {
                    mechanisms.add(mechanism.name());
                }
            }
            return new CapabilityContext(state.phase(), transport.secure(), plaintextAuthAllowed(), mechanisms, hint,
                    settings.implementation());
        });
    }

    /** Starts AUTH with a mechanism; {@code initialResponse} is the raw argument or null. */
    public CompletionStage<Void> startSasl(SaslMechanism mechanism, String initialResponse) {
        int failures = ((SessionState.Authorization) state).failures();
        byte[] initial = null;
        if (initialResponse != null) {
            if (initialResponse.equals("=")) {
                initial = new byte[0];
            } else {
                initial = decodeBase64(initialResponse);
                if (initial == null) {
                    return err("Initial response is not valid base64");
                }
            }
        }
        SaslExchange exchange = mechanism.newExchange();
        state = new SessionState.Sasl(failures, exchange);
        return saslStep(exchange, exchange.start(initial));
    }

    /** Completes a login whose credentials were checked: lock, open the maildrop, enter TRANSACTION. */
    public CompletionStage<Void> completeLogin(AuthResult result, String mechanism) {
        int failures = failures();
        if (!result.succeeded()) {
            return loginFailed(failures, result, mechanism);
        }
        long accountId = result.accountId();
        ClientInfo client = client();
        return runtime.runBlocking(() -> backend.tryLock(accountId, client)).thenCompose(lock -> {
            if (lock.isEmpty()) {
                listener.lockRefused();
                listener.login("in_use");
                state = new SessionState.Authorization(failures, null);
                LOG.infof("pop3 session=%s login=%s refused: maildrop in use", id, result.login());
                return err(ResponseCode.IN_USE, "Maildrop is in use by another session");
            }
            return runtime.runBlocking(() -> {
                try {
                    long wait = backend.admitLogin(accountId);
                    if (wait > 0) {
                        backend.release(lock.get());
                        return new Opened(null, null, wait);
                    }
                    return new Opened(new Maildrop(backend.open(accountId)), backend.retention(accountId), 0);
                } catch (RuntimeException e) {
                    backend.release(lock.get());
                    throw e;
                }
            }).thenCompose(opened -> {
                if (opened.loginDelayWait() > 0) {
                    state = new SessionState.Authorization(failures, null);
                    listener.login("login_delay");
                    LOG.infof("pop3 session=%s login=%s refused: LOGIN-DELAY, %d s left", id, result.login(),
                            opened.loginDelayWait());
                    return err(ResponseCode.LOGIN_DELAY, "Logged in too recently, try again in "
                            + opened.loginDelayWait() + " seconds");
                }
                if (state instanceof SessionState.Closed) {
                    releaseQuietly(lock.get());
                    return done();
                }
                state = new SessionState.Transaction(accountId, result.login(), lock.get(), opened.maildrop());
                lockedAtNanos = System.nanoTime();
                leaseOwner = lock.get().ownerId();
                accountRetention = opened.retention();
                listener.login("success");
                LOG.infof("pop3 session=%s login=%s mechanism=%s tls=%s messages=%d", id, result.login(), mechanism,
                        transport.secure(), opened.maildrop().liveCount());
                return ok("Logged in, " + opened.maildrop().liveCount() + " messages ("
                        + opened.maildrop().liveOctets() + " octets)");
            });
        });
    }

    /** Marks the session for closing once the current response is written (QUIT, too many failures). */
    public CompletionStage<Void> closeAfter(CompletionStage<Void> lastResponse) {
        onDisconnect();
        return lastResponse.handle((ignored, error) -> {
            transport.close();
            return null;
        });
    }

    // ---- internals ---------------------------------------------------------------------------------

    private record Opened(Maildrop maildrop, RetentionHint retention, long loginDelayWait) {
    }

    private int failures() {
        if (state instanceof SessionState.Authorization authorization) {
            return authorization.failures();
        }
        if (state instanceof SessionState.Sasl sasl) {
            return sasl.failures();
        }
        return 0;
    }

    private CompletionStage<Void> loginFailed(int previousFailures, AuthResult result, String mechanism) {
        int failures = previousFailures + 1;
        state = new SessionState.Authorization(failures, null);
        listener.login(result.status().name().toLowerCase(java.util.Locale.ROOT));
        LOG.infof("pop3 session=%s login failed mechanism=%s status=%s reason=%s attempt=%d", id, mechanism,
                result.status(), result.reason(), failures);
        // The same delay and text for every failure, so a client cannot tell an unknown user from a wrong
        // password or a disabled account; the delay grows to slow guessing down. Only a right main password
        // refused for two-factor is told why, so its owner knows to create an app password.
        return runtime.delay(settings.authFailureDelay().multipliedBy(failures)).thenCompose(ignored -> {
            if (state instanceof SessionState.Closed) {
                return done();
            }
            CompletionStage<Void> written = err(ResponseCode.AUTH,
                    result.status() == AuthResult.AuthStatus.TWO_FACTOR_REQUIRED
                            ? "Two-factor authentication is required: use an app password" : "Authentication failed");
            if (failures >= settings.maxAuthFailures()) {
                LOG.infof("pop3 session=%s closed after %d failed logins", id, failures);
                return closeAfter(written);
            }
            return written;
        });
    }

    private CompletionStage<Void> saslResponse(SessionState.Sasl sasl, InputLine line) {
        if (line.tooLong()) {
            state = new SessionState.Authorization(sasl.failures(), null);
            return err("SASL response too long");
        }
        String text = new String(line.bytes(), StandardCharsets.US_ASCII);
        if (text.equals("*")) {
            state = new SessionState.Authorization(sasl.failures(), null);
            return err("Authentication cancelled");
        }
        byte[] data = decodeBase64(text);
        if (data == null) {
            state = new SessionState.Authorization(sasl.failures(), null);
            return err("SASL response is not valid base64");
        }
        return saslStep(sasl.exchange(), sasl.exchange().respond(data));
    }

    private CompletionStage<Void> saslStep(SaslExchange exchange, SaslStep step) {
        int failures = failures();
        if (step instanceof SaslStep.Challenge challenge) {
            return reply(Reply.continuation(Base64.getEncoder().encodeToString(challenge.data())));
        }
        if (step instanceof SaslStep.Failed failed) {
            state = new SessionState.Authorization(failures, null);
            LOG.infof("pop3 session=%s AUTH rejected: %s", id, failed.reason());
            return err(failed.reason());
        }
        if (step instanceof SaslStep.VerifyPassword verify) {
            ClientInfo client = client();
            return runtime.runBlocking(() -> backend.authenticate(verify.login(), verify.password(), client))
                    .thenCompose(result -> completeLogin(result, "AUTH"));
        }
        if (step instanceof SaslStep.FetchScramCredentials fetch) {
            ScramSha256Exchange scram = (ScramSha256Exchange) exchange;
            return runtime.runBlocking(() -> backend.scramCredentials(fetch.login()))
                    .thenCompose(found -> saslStep(exchange, scram.withCredentials(found)));
        }
        if (step instanceof SaslStep.Authenticated authenticated) {
            return completeLogin(authenticated.result(), "SCRAM-SHA-256");
        }
        SaslStep.ScramChecked checked = (SaslStep.ScramChecked) step;
        ClientInfo client = client();
        return runtime.runBlocking(() -> backend.completeScram(checked.login(), checked.proofValid(), client))
                .thenCompose(result -> {
                    if (!result.succeeded()) {
                        return completeLogin(result, "SCRAM-SHA-256");
                    }
                    // RFC 5034 section 4: the server's final SCRAM message goes as a last challenge; the
                    // client's empty answer completes the exchange.
                    state = new SessionState.Sasl(failures, new FinalAcknowledgement(result));
                    return reply(Reply.continuation(Base64.getEncoder().encodeToString(checked.serverFinal())));
                });
    }

    private CompletionStage<Void> protocolError(String reason) {
        consecutiveErrors++;
        CompletionStage<Void> written = err(reason);
        if (consecutiveErrors >= settings.maxProtocolErrors()) {
            LOG.infof("pop3 session=%s closed after %d protocol errors", id, consecutiveErrors);
            return closeAfter(reply(Reply.err("Too many errors, closing connection")));
        }
        return written;
    }

    /** A store failure becomes -ERR [SYS/TEMP]; the session stays usable and nothing is lost. */
    private CompletionStage<Void> guarded(String verb, CompletionStage<Void> handling) {
        return handling.handle((ignored, error) -> {
            if (error == null) {
                return done();
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof MultiLineWriter.SessionEndedException) {
                return done();
            }
            if (cause instanceof MultiLineWriter.StreamBrokenException) {
                LOG.errorf(cause, "pop3 session=%s %s broke while streaming, closing", id, verb);
                onDisconnect();
                transport.close();
                return done();
            }
            if (state instanceof SessionState.Closed) {
                return done();
            }
            if (state instanceof SessionState.Sasl sasl) {
                state = new SessionState.Authorization(sasl.failures(), null);
            }
            LOG.warnf("pop3 session=%s %s failed: %s", id, verb, rootMessage(cause));
            return err(ResponseCode.SYS_TEMP, "Temporary server failure, try again later");
        }).thenCompose(stage -> stage);
    }

    /**
     * After RETR sent message {@code number}: notes its first retrieval, and writes the batch to the store
     * when it is due (a failure there is logged; it only delays retention, it is never an -ERR).
     */
    public CompletionStage<Void> retrieved(int number) {
        if (!(state instanceof SessionState.Transaction transaction)
                || !transaction.maildrop().markRetrieved(number, System.nanoTime(), RETRIEVAL_BATCH, RETRIEVAL_MAX_AGE_NANOS)) {
            return done();
        }
        List<Long> ids = transaction.maildrop().takeUnrecorded(false);
        return runtime.<Void>runBlocking(() -> {
            backend.recordFirstRetrieval(transaction.accountId(), ids);
            return null;
        }).exceptionally(error -> {
            LOG.warnf("pop3 session=%s first retrievals not recorded: %s", id, rootMessage(error));
            return null;
        });
    }

    /** The session ends without QUIT: what was retrieved is still recorded (nothing was deleted), then the lock goes. */
    private void recordRetrievalsAndRelease(SessionState.Transaction transaction) {
        List<Long> ids = transaction.maildrop().takeUnrecorded(false);
        releaseQuietly(transaction.lock(), () -> {
            if (ids.isEmpty()) {
                return;
            }
            try {
                backend.recordFirstRetrieval(transaction.accountId(), ids);
            } catch (RuntimeException e) {
                LOG.warnf("pop3 session=%s first retrievals not recorded: %s", id, rootMessage(e));
            }
        });
    }

    private void releaseQuietly(MaildropLock lock) {
        releaseQuietly(lock, () -> { });
    }

    /** Releases the lock on a worker after {@code first} (same worker call); a failed release is retried. */
    private void releaseQuietly(MaildropLock lock, Runnable first) {
        leaseOwner = null;
        runtime.runBlocking(() -> {
            first.run();
            backend.release(lock);
            return null;
        }).exceptionally(error -> {
            LOG.warnf("pop3 session=%s lock release failed, will retry: %s", id, rootMessage(error));
            listener.releaseFailed(lock);
            return null;
        });
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
