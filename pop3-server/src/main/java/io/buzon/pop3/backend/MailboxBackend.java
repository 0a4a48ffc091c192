package io.buzon.pop3.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the POP3 protocol needs from the rest of Buzón, in POP3's own terms. Every method blocks (it talks
 * to the database): the session calls them on worker threads only. A failure to reach the store is a
 * {@link RuntimeException}; the session answers {@code -ERR [SYS/TEMP]} and loses nothing.
 */
public interface MailboxBackend {

    /** Checks a login and password (USER/PASS, AUTH PLAIN, AUTH LOGIN). */
    AuthResult authenticate(String login, String password, ClientInfo client);

    /**
     * The SCRAM-SHA-256 keys stored for a login, if the account has them. An unknown login and a login
     * without keys both give empty: the mechanism then runs a decoy exchange that fails at its end.
     */
    default Optional<ScramCredentials> scramCredentials(String login) {
        return Optional.empty();
    }

    /**
     * After a SCRAM exchange: the account's state and the accounting of the attempt (lockout counters).
     * {@code proofValid} says whether the client proved knowledge of the password.
     */
    default AuthResult completeScram(String login, boolean proofValid, ClientInfo client) {
        return AuthResult.invalid("SCRAM is not available for this account");
    }

    /**
     * LOGIN-DELAY (RFC 2449 section 6.5): admits a login and stamps its time, or says how many seconds
     * remain before the account may log in again.
     *
     * @return 0 when admitted, else the seconds to wait
     */
    default long admitLogin(long accountId) {
        return 0;
    }

    /** Takes the maildrop lock; empty when another session (on any replica) holds it. */
    Optional<MaildropLock> tryLock(long accountId, ClientInfo client);

    /**
     * Renews every lease this server instance holds and reports their states by owner id; an owner id
     * that is absent has lost its lease. Called once per heartbeat interval, not once per session.
     */
    Map<String, LeaseState> renewLeases();

    /**
     * Like {@link #renewLeases()}, also recording how many octets each session has sent (by lease owner id),
     * so administrators see live traffic across replicas. Backends without a session list ignore the figures.
     */
    default Map<String, LeaseState> renewLeases(Map<String, Long> octetsSentByOwner) {
        return renewLeases();
    }

    void release(MaildropLock lock);

    /** The maildrop as it stands now, in message-number order. */
    List<MaildropEntry> open(long accountId);

    /**
     * The exact octets RETR sends before byte-stuffing, in pieces; opening it may read the first piece.
     * Holds no connection or other resource between pieces, so it needs no closing.
     */
    MessageSource openContent(long accountId, long messageId);

    /**
     * Removes the given messages and updates quota usage, in one transaction, only while the lock is
     * still held (otherwise nothing is removed and an exception is thrown).
     */
    void commit(MaildropLock lock, Set<Long> deletedMessageIds);

    /** Records now as the first retrieval time of these messages (no change where already recorded). */
    void recordFirstRetrieval(long accountId, java.util.Collection<Long> messageIds);

    /** The retention the account's policies give, for CAPA EXPIRE and LOGIN-DELAY after login. */
    RetentionHint retention(long accountId);

    /** The bound of {@link #retention} over all accounts, for CAPA before login. */
    RetentionHint retentionBound();
}
