package io.buzon.store.password;

import io.buzon.store.Actor;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Sets and reads account passwords: policy and history checks, argon2id hashing, SCRAM-SHA-256 keys,
 * imported hashes, and the upgrade of old hashes after a successful login.
 */
@ApplicationScoped
@StoreOperation
public class PasswordService {

    private static final int SCRAM_SALT_BYTES = 16;

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicyChecker checker;

    @Inject
    PasswordPolicyService policies;

    @Inject
    PasswordConfig config;

    @Inject
    AccountIdentities accounts;

    @Inject
    ServerSecret serverSecret;

    private final SecureRandom random = new SecureRandom();

    /**
     * Validates {@code password} against the account's effective policy and history; when it passes,
     * stores its argon2id hash and SCRAM keys, moves the old hash into the history and restarts the
     * password's age. When it fails nothing changes and the reasons are returned.
     *
     * @throws NoSuchElementException when the account does not exist
     */
    @Transactional
    public PasswordChangeResult setPassword(Actor actor, long accountId, String password) {
        AccountIdentity account = accounts.byId(accountId)
                .orElseThrow(() -> new NoSuchElementException("no account " + accountId));
        List<PolicyViolation> violations = check(account, password);
        if (!violations.isEmpty()) {
            return PasswordChangeResult.refused(violations);
        }
        byte[] salt = new byte[SCRAM_SALT_BYTES];
        random.nextBytes(salt);
        ScramCredentials scram = ScramSha256.derive(password, salt, config.scram().iterations());
        replace(accountId, hasher.hash(password), scram);
        audit.record(actor, actor.kind() == Actor.Kind.MAILBOX ? "selfservice.password.change" : "account.password.set",
                account.login(), null);
        return PasswordChangeResult.ok();
    }

    /**
     * What the policy says about a password for an account that does not exist yet (so no history), in
     * the domain its login names (the global policy when that domain does not exist).
     */
    public List<PolicyViolation> checkForNewAccount(String login, String password) {
        Long domainId = login == null ? null : accounts.domainIdOf(login).orElse(null);
        return checker.check(policies.effectivePolicy(domainId), password == null ? "" : password, login);
    }

    /** Strength 0..4 as zxcvbn scores it (the login's own words count against it), for a meter next to a field. */
    public int strength(String login, String password) {
        return checker.strength(password == null ? "" : password, login);
    }

    /** The reasons {@link #setPassword} would refuse {@code password}, without changing anything. */
    public List<PolicyViolation> check(long accountId, String password) {
        AccountIdentity account = accounts.byId(accountId)
                .orElseThrow(() -> new NoSuchElementException("no account " + accountId));
        return check(account, password);
    }

    /**
     * Stores a hash imported from another server (argon2id, bcrypt {@code $2a$/$2b$/$2y$},
     * SHA512-CRYPT {@code $6$}, optionally with a Dovecot {@code {SCHEME}} prefix). No policy check:
     * the password is unknown. SCRAM keys are cleared until the next successful login recreates them.
     *
     * @throws IllegalArgumentException for any other format, a malformed hash, or an absurd cost
     *                                  (argon2id m > 1 GiB, bcrypt cost > 16, SHA512-CRYPT rounds > 10,000,000)
     */
    @Transactional
    public void importPasswordHash(Actor actor, long accountId, String importedHash) {
        PasswordHasher.requireImportable(importedHash);
        AccountIdentity account = accounts.byId(accountId)
                .orElseThrow(() -> new NoSuchElementException("no account " + accountId));
        replace(accountId, importedHash, null);
        audit.record(actor, "account.password.import", account.login(), HashScheme.of(importedHash).name());
    }

    public Optional<StoredPassword> storedPassword(long accountId) {
        return Sql.run(dataSource, "read password of account " + accountId, c -> {
            try (PreparedStatement s = c.prepareStatement("select hash, changed_at, scram_salt, scram_iterations, "
                         + "scram_stored_key, scram_server_key from account_password where account_id = ?")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    byte[] salt = r.getBytes(3);
                    ScramCredentials scram = salt == null ? null
                            : new ScramCredentials(salt, r.getInt(4), r.getBytes(5), r.getBytes(6));
                    return Optional.of(new StoredPassword(accountId, r.getString(1),
                            r.getTimestamp(2).toInstant(), scram));
                }
            }
        });
    }

    /**
     * Called after {@code password} was verified against {@code verifiedHash}: rehashes to the current
     * scheme/cost when needed and creates missing SCRAM keys. The update is conditional on the hash
     * still being {@code verifiedHash}, so a concurrent password change wins. The password's age
     * ({@code changed_at}) is kept: it is the same password.
     *
     * @return true when the row was updated
     */
    public boolean upgradeAfterLogin(long accountId, String verifiedHash, boolean hasScram, String password) {
        boolean rehash = hasher.needsRehash(verifiedHash);
        if (!rehash && hasScram) {
            return false;
        }
        String hash = rehash ? hasher.hash(password) : verifiedHash;
        byte[] salt = new byte[SCRAM_SALT_BYTES];
        random.nextBytes(salt);
        ScramCredentials scram = ScramSha256.derive(password, salt, config.scram().iterations());
        return Sql.run(dataSource, "upgrade password hash of account " + accountId, c -> {
            try (PreparedStatement s = c.prepareStatement("update account_password set hash = ?, scram_salt = "
                         + "coalesce(scram_salt, ?), scram_iterations = coalesce(scram_iterations, ?), "
                         + "scram_stored_key = coalesce(scram_stored_key, ?), scram_server_key = "
                         + "coalesce(scram_server_key, ?) where account_id = ? and hash = ?")) {
                s.setString(1, hash);
                s.setBytes(2, scram.salt());
                s.setInt(3, scram.iterations());
                s.setBytes(4, scram.storedKey());
                s.setBytes(5, scram.serverKey());
                s.setLong(6, accountId);
                s.setString(7, verifiedHash);
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * SCRAM-SHA-256 credentials for a login. Unknown logins, and accounts without SCRAM keys yet
     * (imported hashes), get fake credentials derived from the server secret: stable for the same
     * login, same iteration count, so the exchange looks the same and simply fails at the proof.
     */
    public ScramCredentials scramCredentials(String login) {
        Optional<ScramCredentials> real = accounts.byLogin(login)
                .flatMap(account -> storedPassword(account.accountId()))
                .map(StoredPassword::scram);
        return real.orElseGet(() -> fakeScram(AccountIdentities.normalise(login)));
    }

    private ScramCredentials fakeScram(String login) {
        byte[] secret = serverSecret.value();
        byte[] salt = Arrays.copyOf(ScramSha256.hmac(secret, "scram-salt:" + login), SCRAM_SALT_BYTES);
        return new ScramCredentials(salt, config.scram().iterations(),
                ScramSha256.hmac(secret, "scram-stored:" + login),
                ScramSha256.hmac(secret, "scram-server:" + login));
    }

    private List<PolicyViolation> check(AccountIdentity account, String password) {
        PasswordPolicy policy = policies.effectivePolicy(account.domainId());
        List<PolicyViolation> violations = new ArrayList<>(checker.check(policy, password, account.login()));
        if (policy.historyCount() > 0 && reusesRecent(account.accountId(), password, policy.historyCount())) {
            violations.add(new PolicyViolation(PolicyViolation.REUSED,
                    "The password was used recently; choose one that is not among your last "
                            + policy.historyCount() + ".", java.util.Map.of("count", policy.historyCount())));
        }
        return violations;
    }

    /** The current password counts as the most recent of the last N. */
    private boolean reusesRecent(long accountId, String password, int count) {
        List<String> recent = new ArrayList<>();
        Sql.execute(dataSource, "read password history", c -> {
            try (PreparedStatement s = c.prepareStatement("(select hash, 0 as age, 0::bigint as id from account_password "
                         + "where account_id = ?) union all (select hash, 1, id from password_history "
                         + "where account_id = ? order by id desc limit ?) order by age, id desc")) {
                s.setLong(1, accountId);
                s.setLong(2, accountId);
                s.setInt(3, count);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && recent.size() < count) {
                        recent.add(r.getString(1));
                    }
                }
            }
        });
        boolean reused = false;
        for (String hash : recent) {
            // No early exit: the time taken does not tell which entry matched.
            reused |= hasher.verify(password, hash);
        }
        return reused;
    }

    private void replace(long accountId, String hash, ScramCredentials scram) {
        Sql.execute(dataSource, "store password of account " + accountId, c -> {
                        try (PreparedStatement s = c.prepareStatement("insert into password_history (account_id, hash) "
                    + "select account_id, hash from account_password where account_id = ?")) {
                s.setLong(1, accountId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into account_password (account_id, hash, "
                    + "changed_at, scram_salt, scram_iterations, scram_stored_key, scram_server_key) "
                    + "values (?, ?, now(), ?, ?, ?, ?) on conflict (account_id) do update set hash = excluded.hash, "
                    + "changed_at = excluded.changed_at, scram_salt = excluded.scram_salt, "
                    + "scram_iterations = excluded.scram_iterations, scram_stored_key = excluded.scram_stored_key, "
                    + "scram_server_key = excluded.scram_server_key")) {
                s.setLong(1, accountId);
                s.setString(2, hash);
                s.setBytes(3, scram == null ? null : scram.salt());
                if (scram == null) {
                    s.setNull(4, java.sql.Types.INTEGER);
                } else {
                    s.setInt(4, scram.iterations());
                }
                s.setBytes(5, scram == null ? null : scram.storedKey());
                s.setBytes(6, scram == null ? null : scram.serverKey());
                s.executeUpdate();
            }
            // Keep what the largest configured history needs; older rows are never consulted.
            try (PreparedStatement s = c.prepareStatement("delete from password_history where account_id = ? and id "
                    + "not in (select id from password_history where account_id = ? order by id desc limit ?)")) {
                s.setLong(1, accountId);
                s.setLong(2, accountId);
                s.setInt(3, Math.max(historyToKeep(accountId), 0));
                s.executeUpdate();
            }
        
        });
    }

    private int historyToKeep(long accountId) {
        return accounts.byId(accountId)
                .map(a -> policies.effectivePolicy(a.domainId()).historyCount())
                .orElse(0);
    }
}
