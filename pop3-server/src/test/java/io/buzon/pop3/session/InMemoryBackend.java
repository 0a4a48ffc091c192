package io.buzon.pop3.session;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.MailboxBackend;
import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.backend.MessageSource;
import io.buzon.pop3.backend.TestMessageSources;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.backend.ScramCredentials;
import io.buzon.pop3.sasl.ScramKeys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A maildrop in memory, for transport-free unit tests of the protocol core only. */
final class InMemoryBackend implements MailboxBackend {

    static final String LOGIN = "alice@example.org";
    static final String PASSWORD = "correct horse";

    final Map<Long, byte[]> messages = new LinkedHashMap<>();
    final Set<Long> locked = new HashSet<>();
    final List<Long> retrieved = new ArrayList<>();
    int retrievalWrites;
    final List<Set<Long>> commits = new ArrayList<>();
    boolean failing;
    final ScramCredentials scram = ScramKeys.derive(PASSWORD, "salt-of-alice".getBytes(StandardCharsets.US_ASCII), 4096);

    InMemoryBackend add(long id, String content) {
        messages.put(id, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("database unavailable");
        }
    }

    @Override
    public AuthResult authenticate(String login, String password, ClientInfo client) {
        check();
        return LOGIN.equals(login) && PASSWORD.equals(password) ? AuthResult.success(1, login) : AuthResult.invalid("bad");
    }

    @Override
    public Optional<ScramCredentials> scramCredentials(String login) {
        check();
        return LOGIN.equals(login) ? Optional.of(scram) : Optional.empty();
    }

    @Override
    public AuthResult completeScram(String login, boolean proofValid, ClientInfo client) {
        return proofValid ? AuthResult.success(1, login) : AuthResult.invalid("proof");
    }

    @Override
    public Optional<MaildropLock> tryLock(long accountId, ClientInfo client) {
        check();
        return locked.add(accountId) ? Optional.of(new MaildropLock(accountId, "test", null)) : Optional.empty();
    }

    @Override
    public Map<String, io.buzon.pop3.backend.LeaseState> renewLeases() {
        return Map.of();
    }

    @Override
    public void release(MaildropLock lock) {
        locked.remove(lock.accountId());
    }

    @Override
    public List<MaildropEntry> open(long accountId) {
        check();
        List<MaildropEntry> entries = new ArrayList<>();
        messages.forEach((id, content) -> entries.add(new MaildropEntry(id, "uid-" + id, content.length)));
        return entries;
    }

    @Override
    public MessageSource openContent(long accountId, long messageId) {
        check();
        return TestMessageSources.of(messages.get(messageId));
    }

    @Override
    public void commit(MaildropLock lock, Set<Long> deletedMessageIds) {
        check();
        commits.add(Set.copyOf(deletedMessageIds));
        deletedMessageIds.forEach(messages::remove);
    }

    @Override
    public void recordFirstRetrieval(long accountId, java.util.Collection<Long> messageIds) {
        retrievalWrites++;
        retrieved.addAll(messageIds);
    }

    @Override
    public RetentionHint retention(long accountId) {
        return new RetentionHint(30, Duration.ZERO);
    }

    @Override
    public RetentionHint retentionBound() {
        check();
        return new RetentionHint(7, Duration.ofMinutes(5));
    }
}
