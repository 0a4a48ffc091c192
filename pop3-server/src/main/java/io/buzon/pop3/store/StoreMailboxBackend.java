package io.buzon.pop3.store;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.LeaseState;
import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.backend.MessageSource;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.backend.ScramCredentials;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.Maildrop;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.maildrop.MessageReader;
import io.buzon.store.retention.LoginDelayGate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The POP3 port implemented on the PostgreSQL mail store. */
@Singleton
public class StoreMailboxBackend implements MailboxBackend {

    private static final Logger LOG = Logger.getLogger(StoreMailboxBackend.class);

    private final MaildropService maildrops;
    private final MaildropLockService locks;
    private final Pop3Credentials credentials;
    private final LoginDelayGate loginDelay;

    @Inject
    public StoreMailboxBackend(MaildropService maildrops, MaildropLockService locks, Pop3Credentials credentials,
                               LoginDelayGate loginDelay) {
        this.maildrops = maildrops;
        this.locks = locks;
        this.credentials = credentials;
        this.loginDelay = loginDelay;
    }

    @Override
    public AuthResult authenticate(String login, String password, ClientInfo client) {
        // The auth module records the login statistics itself.
        return credentials.authenticate(login, password, client);
    }

    @Override
    public Optional<ScramCredentials> scramCredentials(String login) {
        return credentials.scramCredentials(login);
    }

    @Override
    public AuthResult completeScram(String login, boolean proofValid, ClientInfo client) {
        return credentials.completeScram(login, proofValid, client);
    }

    @Override
    public long admitLogin(long accountId) {
        var decision = loginDelay.admit(accountId);
        return decision.admitted() ? 0 : Math.max(1, decision.retryAfterSeconds());
    }

    @Override
    public Optional<MaildropLock> tryLock(long accountId, ClientInfo client) {
        return locks.tryAcquire(accountId, client.sessionId(), client.remoteAddress(), client.tls())
                .map(lease -> new MaildropLock(accountId, lease.ownerId(), lease));
    }

    @Override
    public Map<String, LeaseState> renewLeases() {
        return renewLeases(Map.of());
    }

    @Override
    public Map<String, LeaseState> renewLeases(Map<String, Long> octetsSentByOwner) {
        locks.heartbeat(octetsSentByOwner);
        Map<String, LeaseState> states = new HashMap<>();
        locks.statusesOfThisInstance().forEach((owner, status) -> states.put(owner, switch (status) {
            case HELD -> LeaseState.HELD;
            case TERMINATION_REQUESTED -> LeaseState.TERMINATION_REQUESTED;
            case LOST -> LeaseState.LOST;
        }));
        return states;
    }

    @Override
    public void release(MaildropLock lock) {
        locks.release((Lease) lock.token());
    }

    @Override
    public List<MaildropEntry> open(long accountId) {
        Maildrop maildrop = maildrops.open(accountId);
        List<MaildropEntry> entries = new ArrayList<>(maildrop.count());
        for (var entry : maildrop.entries()) {
            entries.add(new MaildropEntry(entry.messageId(), entry.uidl(), entry.size()));
        }
        return entries;
    }

    @Override
    public MessageSource openContent(long accountId, long messageId) {
        MessageReader reader = maildrops.reader(accountId, messageId);
        return new MessageSource() {
            @Override
            public byte[] nextIfLoaded() {
                return reader.nextChunkIfLoaded();
            }

            @Override
            public byte[] next() {
                return reader.nextChunk();
            }

            @Override
            public boolean finished() {
                return reader.finished();
            }
        };
    }

    @Override
    public void commit(MaildropLock lock, Set<Long> deletedMessageIds) {
        var result = maildrops.commit((Lease) lock.token(), deletedMessageIds);
        if (result.missing() > 0) {
            LOG.infof("pop3 commit account=%d: %d messages were already gone", lock.accountId(), result.missing());
        }
    }

    @Override
    public void recordFirstRetrieval(long accountId, java.util.Collection<Long> messageIds) {
        maildrops.recordFirstRetrieval(accountId, messageIds);
    }

    @Override
    public RetentionHint retention(long accountId) {
        return credentials.retention(accountId);
    }

    @Override
    public RetentionHint retentionBound() {
        return credentials.retentionBound();
    }

}
