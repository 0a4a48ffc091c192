package io.buzon.store.auth;

import io.buzon.store.password.AccountIdentity;
import io.buzon.store.password.AccountIdentities;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.Actor;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Two-factor authentication with TOTP (RFC 6238). The flow of the self-service page: {@link #newSecret}
 * and {@link #otpauthUri} to show a QR code, then {@link #enable} with the first code the app shows.
 * While two-factor is on, mail clients must use app passwords ({@link AuthService}); the console asks
 * for a code via {@link #verify}.
 */
@ApplicationScoped
@StoreOperation
public class TwoFactorService {

    @Inject
    DataSource dataSource;

    @Inject
    AuthConfig config;

    @Inject
    AuditLog audit;

    @Inject
    AccountIdentities accounts;

    Clock clock = Clock.systemUTC();

    /** What a presented code turned out to be. REPLAYED: right for its step, but that step was already used. */
    public enum CodeCheck { ACCEPTED, WRONG, REPLAYED }

    /** A new random secret (base32) for the enrolment page; nothing is stored yet. */
    public String newSecret() {
        return Totp.newSecret();
    }

    /** The URI to render as a QR code for {@code login} and {@code secret}. */
    public String otpauthUri(String login, String secret) {
        return Totp.otpauthUri(config.totp().issuer(), login, secret);
    }

    /**
     * Turns two-factor on with {@code secret}, if {@code code} is currently valid for it (proving the
     * user's app holds the secret). Replaces any earlier secret.
     *
     * @return false (nothing changed) when the code is wrong
     */
    @Transactional
    public boolean enable(Actor actor, long accountId, String secret, String code) {
        long step = Totp.matchingStep(secret, code, clock.instant(), config.totp().allowedDrift());
        if (step < 0) {
            return false;
        }
        Sql.execute(dataSource, "enable two-factor", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into account_totp (account_id, secret, enabled, "
                         + "enabled_at, last_step) values (?, ?, true, now(), ?) on conflict (account_id) do update set "
                         + "secret = excluded.secret, enabled = true, enabled_at = now(), last_step = excluded.last_step")) {
                s.setLong(1, accountId);
                s.setString(2, secret);
                s.setLong(3, step);
                s.executeUpdate();
            }
        });
        audit.record(actor, AppPasswordService.action(actor, "totp.enable"), login(accountId), null);
        return true;
    }

    private String login(long accountId) {
        return accounts.byId(accountId).map(AccountIdentity::login).orElse("#" + accountId);
    }

    /**
     * Checks a code for an account with two-factor on. Each time step is accepted once: a code seen
     * before (or older than the last accepted one) fails, so an observed code cannot be replayed.
     */
    @Transactional
    public boolean verify(long accountId, String code) {
        return check(accountId, code) == CodeCheck.ACCEPTED;
    }

    /** {@link #verify}, telling a replayed code (so the page can say so) from a wrong one. */
    @Transactional
    public CodeCheck check(long accountId, String code) {
        Optional<String> secret = secret(accountId);
        if (secret.isEmpty()) {
            return CodeCheck.WRONG;
        }
        long step = Totp.matchingStep(secret.get(), code, clock.instant(), config.totp().allowedDrift());
        if (step < 0) {
            return CodeCheck.WRONG;
        }
        return Sql.run(dataSource, "verify two-factor code", c -> {
            try (PreparedStatement s = c.prepareStatement("update account_totp set last_step = ? where account_id = ? "
                         + "and enabled and (last_step is null or last_step < ?)")) {
                s.setLong(1, step);
                s.setLong(2, accountId);
                s.setLong(3, step);
                return s.executeUpdate() == 1 ? CodeCheck.ACCEPTED : CodeCheck.REPLAYED;
            }
        });
    }

    /** Turns two-factor off and forgets the secret. */
    @Transactional
    public void disable(Actor actor, long accountId) {
        Sql.execute(dataSource, "disable two-factor", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from account_totp where account_id = ?")) {
                s.setLong(1, accountId);
                s.executeUpdate();
            }
        });
        audit.record(actor, AppPasswordService.action(actor, "totp.disable"), login(accountId), null);
    }

    /** The account's two-factor flag. */
    public boolean isEnabled(long accountId) {
        return secret(accountId).isPresent();
    }

    /** When two-factor was turned on, if it is on. */
    public Optional<Instant> enabledAt(long accountId) {
        return Sql.run(dataSource, "read two-factor state", c -> {
            try (PreparedStatement s = c.prepareStatement("select enabled_at from account_totp where account_id = ? "
                         + "and enabled")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
                }
            }
        });
    }

    private Optional<String> secret(long accountId) {
        return Sql.run(dataSource, "read two-factor state", c -> {
            try (PreparedStatement s = c.prepareStatement("select secret from account_totp where account_id = ? "
                         + "and enabled")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
