package io.buzon.store.password;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.Actor;
import io.buzon.store.audit.AuditDetail;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Optional;

/**
 * Password policies stored in {@code password_policy}: one optional global row and one optional row
 * per domain. Effective policy = configuration, then the global row's non-null columns, then the
 * domain row's non-null columns.
 */
@ApplicationScoped
@StoreOperation
public class PasswordPolicyService {

    private static final String COLUMNS = "min_length, max_length, min_uppercase, min_lowercase, min_digits, "
            + "min_symbols, min_strength_score, reject_common, reject_login, history_count, max_age_days, "
            + "lockout_threshold, lockout_window_seconds, lockout_duration_seconds, require_two_factor";

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    AuditTargets targets;

    @Inject
    PasswordConfig config;

    /** The policy for accounts of {@code domainId}; null = the global policy (unknown domain). */
    public PasswordPolicy effectivePolicy(Long domainId) {
        PasswordPolicy global = globalOverrides().applyTo(config.basePolicy());
        return domainId == null ? global : domainOverrides(domainId).applyTo(global);
    }

    public PolicyOverrides globalOverrides() {
        return read("scope = 'global'", null).orElse(PolicyOverrides.NONE);
    }

    public PolicyOverrides domainOverrides(long domainId) {
        return read("scope = 'domain' and domain_id = ?", domainId).orElse(PolicyOverrides.NONE);
    }

    /**
     * Replaces the global row. Throws {@link IllegalArgumentException} (nothing saved) when the result
     * would be inconsistent, e.g. min-length above max-length.
     */
    @Transactional
    public void setGlobalOverrides(Actor actor, PolicyOverrides overrides) {
        overrides.applyTo(config.basePolicy());
        write("global", null, overrides, actor);
    }

    /** Replaces a domain's row, validated against the current global policy. */
    @Transactional
    public void setDomainOverrides(Actor actor, long domainId, PolicyOverrides overrides) {
        overrides.applyTo(effectivePolicy(null));
        write("domain", domainId, overrides, actor);
    }

    /** Removes a domain's row: the domain follows the global policy again. */
    @Transactional
    public void clearDomainOverrides(Actor actor, long domainId) {
        Sql.execute(dataSource, "clear password policy of domain " + domainId, c -> {
            try (PreparedStatement s = c.prepareStatement("delete from password_policy where scope = 'domain' and domain_id = ?")) {
                s.setLong(1, domainId);
                s.executeUpdate();
            }
        });
        audit.record(actor, "password-policy.clear", targets.domain(domainId), null);
    }

    private Optional<PolicyOverrides> read(String where, Long domainId) {
        return Sql.run(dataSource, "read password policy", c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from password_policy where " + where)) {
                if (domainId != null) {
                    s.setLong(1, domainId);
                }
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new PolicyOverrides(
                            integer(r, 1), integer(r, 2), integer(r, 3), integer(r, 4), integer(r, 5), integer(r, 6),
                            integer(r, 7), bool(r, 8), bool(r, 9), integer(r, 10), integer(r, 11), integer(r, 12),
                            seconds(r, 13), seconds(r, 14), bool(r, 15)));
                }
            }
        });
    }

    private void write(String scope, Long domainId, PolicyOverrides o, Actor actor) {
        String conflict = domainId == null ? "((scope)) where scope = 'global'" : "(domain_id) where scope = 'domain'";
        String sql = "insert into password_policy (scope, domain_id, " + COLUMNS + ", updated_by) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict " + conflict + " do update set "
                + "min_length = excluded.min_length, max_length = excluded.max_length, "
                + "min_uppercase = excluded.min_uppercase, min_lowercase = excluded.min_lowercase, "
                + "min_digits = excluded.min_digits, min_symbols = excluded.min_symbols, "
                + "min_strength_score = excluded.min_strength_score, reject_common = excluded.reject_common, "
                + "reject_login = excluded.reject_login, history_count = excluded.history_count, "
                + "max_age_days = excluded.max_age_days, lockout_threshold = excluded.lockout_threshold, "
                + "lockout_window_seconds = excluded.lockout_window_seconds, "
                + "lockout_duration_seconds = excluded.lockout_duration_seconds, "
                + "require_two_factor = excluded.require_two_factor, "
                + "updated_at = now(), updated_by = excluded.updated_by";
        Sql.execute(dataSource, "save password policy", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, scope);
                if (domainId == null) {
                    s.setNull(2, Types.BIGINT);
                } else {
                    s.setLong(2, domainId);
                }
                Object[] values = {o.minLength(), o.maxLength(), o.minUppercase(), o.minLowercase(), o.minDigits(),
                        o.minSymbols(), o.minStrengthScore(), o.rejectCommon(), o.rejectLogin(), o.historyCount(),
                        o.maxAgeDays(), o.lockoutThreshold(), toSeconds(o.lockoutWindow()), toSeconds(o.lockoutDuration()),
                        o.requireTwoFactor()};
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v == null) {
                        s.setNull(3 + i, i == 7 || i == 8 || i == 14 ? Types.BOOLEAN : Types.INTEGER);
                    } else {
                        s.setObject(3 + i, v);
                    }
                }
                s.setString(18, actor.auditName());
                s.executeUpdate();
            }
        });
        audit.record(actor, "password-policy.set", domainId == null ? "global" : targets.domain(domainId),
                AuditDetail.of(o));
    }

    private static Integer toSeconds(Duration d) {
        if (d == null) {
            return null;
        }
        return Math.toIntExact(Math.max(1, d.toSeconds()));
    }

    private static Integer integer(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet r, int column) throws SQLException {
        boolean v = r.getBoolean(column);
        return r.wasNull() ? null : v;
    }

    private static Duration seconds(ResultSet r, int column) throws SQLException {
        Integer v = integer(r, column);
        return v == null ? null : Duration.ofSeconds(v);
    }
}
