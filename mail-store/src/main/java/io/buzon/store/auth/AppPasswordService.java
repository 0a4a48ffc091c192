package io.buzon.store.auth;

import io.buzon.store.password.AccountIdentity;
import io.buzon.store.password.AccountIdentities;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.Actor;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.password.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Named, revocable app passwords for mail clients. A secret is 16 random letters: the first four are
 * a selector stored as is (it picks the row, so verifying costs one hash), the other twelve (about 56
 * bits) are stored as an argon2id hash.
 */
@ApplicationScoped
@StoreOperation
public class AppPasswordService {

    static final int SELECTOR_LENGTH = 4;
    static final int SECRET_LENGTH = 16;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String COLUMNS = "id, account_id, name, created_at, last_used_at, last_used_address, "
            + "last_used_service, revoked_at";

    @Inject
    DataSource dataSource;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuthConfig config;

    @Inject
    AuditLog audit;

    @Inject
    AccountIdentities accounts;

    private final SecureRandom random = new SecureRandom();

    /**
     * Creates an app password. The returned secret is the only time it can be seen.
     *
     * @throws IllegalArgumentException when the name is blank, longer than 64 characters, already used
     *                                  by an active app password of the account, or the account has
     *                                  the maximum number of active app passwords
     */
    @Transactional
    public CreatedAppPassword create(Actor actor, long accountId, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 64) {
            throw new AppPasswordRefusedException("APP_PASSWORD_NAME", "an app password needs a name of 1 to 64 characters");
        }
        List<AppPassword> active = list(accountId).stream().filter(AppPassword::active).toList();
        if (active.size() >= config.appPasswords().maxPerAccount()) {
            throw new AppPasswordRefusedException("APP_PASSWORD_LIMIT", "this account already has " + active.size()
                    + " app passwords, the most allowed; revoke one first");
        }
        if (active.stream().anyMatch(a -> a.name().equalsIgnoreCase(trimmed))) {
            throw new AppPasswordRefusedException("APP_PASSWORD_EXISTS", "an app password named '" + trimmed
                    + "' already exists");
        }
        String secret;
        do {
            secret = randomLetters(SECRET_LENGTH);
        } while (selectorTaken(accountId, secret.substring(0, SELECTOR_LENGTH)));
        String selector = secret.substring(0, SELECTOR_LENGTH);
        String chosen = secret;
        // hashed before a connection is taken: argon2id takes tens of milliseconds the pool should not wait for
        String hash = hasher.hash(secret.substring(SELECTOR_LENGTH));
        CreatedAppPassword created = Sql.run(dataSource, "create app password", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into app_password (account_id, name, selector, hash) "
                         + "values (?, ?, ?, ?) returning " + COLUMNS)) {
                s.setLong(1, accountId);
                s.setString(2, trimmed);
                s.setString(3, selector);
                s.setString(4, hash);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new CreatedAppPassword(read(r), group(chosen));
                }
            }
        });
        audit.record(actor, action(actor, "apppassword.create"), login(accountId), "name=" + trimmed);
        return created;
    }

    private String login(long accountId) {
        return accounts.byId(accountId).map(AccountIdentity::login).orElse("#" + accountId);
    }

    /** {@code selfservice.<what>} when mailbox users act for themselves, {@code account.<what>} for admins. */
    static String action(Actor actor, String what) {
        return (actor.kind() == Actor.Kind.MAILBOX ? "selfservice." : "account.") + what;
    }

    /** All app passwords of the account, active and revoked, oldest first. */
    public List<AppPassword> list(long accountId) {
        List<AppPassword> result = new ArrayList<>();
        Sql.execute(dataSource, "list app passwords", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from app_password where account_id = ? "
                         + "order by id")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.add(read(r));
                    }
                }
            }
        });
        return result;
    }

    /**
     * Revokes an app password of this account; it stops working at once.
     *
     * @return false when there is no such active app password for the account
     */
    @Transactional
    public boolean revoke(Actor actor, long accountId, long appPasswordId) {
        boolean revoked = Sql.run(dataSource, "revoke app password", c -> {
            try (PreparedStatement s = c.prepareStatement("update app_password set revoked_at = now() "
                         + "where id = ? and account_id = ? and revoked_at is null")) {
                s.setLong(1, appPasswordId);
                s.setLong(2, accountId);
                return s.executeUpdate() == 1;
            }
        });
        if (revoked) {
            audit.record(actor, action(actor, "apppassword.revoke"), login(accountId), "id=" + appPasswordId);
        }
        return revoked;
    }

    /** The presented secret in canonical form (16 lower-case letters), or empty if it cannot be one. */
    static Optional<String> canonical(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        String compact = presented.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        return compact.matches("[a-z]{" + SECRET_LENGTH + "}") ? Optional.of(compact) : Optional.empty();
    }

    /** The active app password whose selector starts {@code canonicalSecret}: (id, hash). */
    Optional<Candidate> candidate(long accountId, String canonicalSecret) {
        return Sql.run(dataSource, "read app passwords", c -> {
            try (PreparedStatement s = c.prepareStatement("select id, hash from app_password where account_id = ? "
                         + "and selector = ? and revoked_at is null")) {
                s.setLong(1, accountId);
                s.setString(2, canonicalSecret.substring(0, SELECTOR_LENGTH));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Candidate(r.getLong(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    boolean verify(Candidate candidate, String canonicalSecret) {
        return hasher.verify(canonicalSecret.substring(SELECTOR_LENGTH), candidate.hash());
    }

    void recordUse(long appPasswordId, String service, String address) {
        Sql.execute(dataSource, "record app password use", c -> {
            try (PreparedStatement s = c.prepareStatement("update app_password set last_used_at = now(), "
                         + "last_used_service = ?, last_used_address = ? where id = ?")) {
                s.setString(1, service);
                s.setString(2, address);
                s.setLong(3, appPasswordId);
                s.executeUpdate();
            }
        });
    }

    record Candidate(long id, String hash) {
    }

    private boolean selectorTaken(long accountId, String selector) {
        return Sql.run(dataSource, "read app passwords", c -> {
            try (PreparedStatement s = c.prepareStatement("select 1 from app_password where account_id = ? "
                         + "and selector = ? and revoked_at is null")) {
                s.setLong(1, accountId);
                s.setString(2, selector);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    private String randomLetters(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return out.toString();
    }

    private static String group(String secret) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(secret, i, i + 4);
        }
        return out.toString();
    }

    private static AppPassword read(ResultSet r) throws SQLException {
        return new AppPassword(r.getLong(1), r.getLong(2), r.getString(3), instant(r.getTimestamp(4)),
                instant(r.getTimestamp(5)), r.getString(6), r.getString(7), instant(r.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
