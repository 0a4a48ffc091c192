package io.buzon.store.retention;

import io.buzon.store.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rows of {@code retention_rule} and how they combine. For each of the three settings
 * separately, the most specific level that sets it (non-null) wins: account, then domain, then
 * global, then {@code buzon.retention.*}. 0 is a value ("off"), so an account row with 0 switches a
 * domain's rule off for that account.
 */
@ApplicationScoped
public class RetentionRules {

    /** One SQL expression per setting, resolving the levels for account alias {@code a}. */
    static final String EFFECTIVE_JOIN = "left join retention_rule ar on ar.scope = 'account' and ar.account_id = a.id "
            + "left join retention_rule dr on dr.scope = 'domain' and dr.domain_id = a.domain_id "
            + "left join retention_rule gr on gr.scope = 'global' ";
    static final String AFTER_RETRIEVAL = "coalesce(ar.delete_after_retrieval_days, dr.delete_after_retrieval_days, "
            + "gr.delete_after_retrieval_days, ?)";
    static final String OLDER_THAN = "coalesce(ar.delete_older_than_days, dr.delete_older_than_days, "
            + "gr.delete_older_than_days, ?)";
    static final String LOGIN_DELAY = "coalesce(ar.login_delay_seconds, dr.login_delay_seconds, "
            + "gr.login_delay_seconds, ?)";

    @Inject
    DataSource dataSource;

    @Inject
    RetentionConfig config;

    @Inject
    AuditLog audit;

    public RetentionOverrides globalRule() {
        return read("scope = 'global'", null).orElse(RetentionOverrides.NONE);
    }

    public RetentionOverrides domainRule(long domainId) {
        return read("scope = 'domain' and domain_id = ?", domainId).orElse(RetentionOverrides.NONE);
    }

    public RetentionOverrides accountRule(long accountId) {
        return read("scope = 'account' and account_id = ?", accountId).orElse(RetentionOverrides.NONE);
    }

    @Transactional
    public void setGlobalRule(RetentionOverrides rule, String actor) {
        write("global", null, null, rule, actor);
    }

    @Transactional
    public void setDomainRule(long domainId, RetentionOverrides rule, String actor) {
        write("domain", domainId, null, rule, actor);
    }

    @Transactional
    public void setAccountRule(long accountId, RetentionOverrides rule, String actor) {
        write("account", null, accountId, rule, actor);
    }

    /** Removes the global row (back to configuration), a domain's or an account's row (back to inheriting). */
    @Transactional
    public void clearGlobalRule(String actor) {
        delete("scope = 'global'", null);
        audit.record(actor, "retention-rule.clear", "global", null, null);
    }

    @Transactional
    public void clearDomainRule(long domainId, String actor) {
        delete("scope = 'domain' and domain_id = ?", domainId);
        audit.record(actor, "retention-rule.clear", "domain:" + domainId, null, null);
    }

    @Transactional
    public void clearAccountRule(long accountId, String actor) {
        delete("scope = 'account' and account_id = ?", accountId);
        audit.record(actor, "retention-rule.clear", "account:" + accountId, null, null);
    }

    /** The rule in force for one account. */
    public RetentionRule effectiveRule(long accountId) {
        Map<Long, RetentionRule> rules = effectiveRules("where a.id = ?", accountId);
        RetentionRule rule = rules.get(accountId);
        if (rule == null) {
            throw new java.util.NoSuchElementException("no account " + accountId);
        }
        return rule;
    }

    /** Every account's rule, by account id. */
    public Map<Long, RetentionRule> effectiveRules() {
        return effectiveRules("", null);
    }

    /**
     * The largest EXPIRE value over all accounts; empty means NEVER (some account keeps mail forever,
     * or there are no accounts and the configured default keeps it forever). One aggregate query;
     * a POP3 server announcing it before authentication may cache it for a while.
     */
    public OptionalInt maxExpireDaysForAnyUser() {
        Summary s = summary();
        if (s.accounts() == 0) {
            return config.base().expireDays();
        }
        return s.anyNever() ? OptionalInt.empty() : OptionalInt.of(s.maxExpire());
    }

    /** The smallest EXPIRE value over all accounts; empty means no account ever expires mail. */
    public OptionalInt minExpireDaysForAnyUser() {
        Summary s = summary();
        if (s.accounts() == 0) {
            return config.base().expireDays();
        }
        return s.minExpire() == null ? OptionalInt.empty() : OptionalInt.of(s.minExpire());
    }

    /** The largest LOGIN-DELAY over all accounts (the configured value when there are none). */
    public int maxLoginDelaySecondsForAnyUser() {
        Summary s = summary();
        return s.accounts() == 0 ? config.loginDelaySeconds() : s.maxDelay();
    }

    /** The smallest LOGIN-DELAY over all accounts (the configured value when there are none). */
    public int minLoginDelaySecondsForAnyUser() {
        Summary s = summary();
        return s.accounts() == 0 ? config.loginDelaySeconds() : s.minDelay();
    }

    private record Summary(long accounts, boolean anyNever, int maxExpire, Integer minExpire, int maxDelay,
                           int minDelay) {
    }

    private Summary summary() {
        String sql = "with r as (select " + AFTER_RETRIEVAL + " as after_days, " + OLDER_THAN + " as older_days, "
                + LOGIN_DELAY + " as delay from account a " + EFFECTIVE_JOIN + "), "
                + "e as (select least(nullif(after_days, 0), nullif(older_days, 0)) as expire, delay from r) "
                + "select count(*), coalesce(bool_or(expire is null), false), coalesce(max(expire), 0), min(expire), "
                + "coalesce(max(delay), 0), coalesce(min(delay), 0) from e";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            RetentionRule base = config.base();
            s.setInt(1, base.deleteAfterRetrievalDays());
            s.setInt(2, base.deleteOlderThanDays());
            s.setInt(3, base.loginDelaySeconds());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Summary(r.getLong(1), r.getBoolean(2), r.getInt(3), integer(r, 4), r.getInt(5), r.getInt(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot summarise retention rules", e);
        }
    }

    private Map<Long, RetentionRule> effectiveRules(String where, Long accountId) {
        Map<Long, RetentionRule> rules = new LinkedHashMap<>();
        String sql = "select a.id, " + AFTER_RETRIEVAL + ", " + OLDER_THAN + ", " + LOGIN_DELAY
                + " from account a " + EFFECTIVE_JOIN + where + " order by a.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            RetentionRule base = config.base();
            s.setInt(1, base.deleteAfterRetrievalDays());
            s.setInt(2, base.deleteOlderThanDays());
            s.setInt(3, base.loginDelaySeconds());
            if (accountId != null) {
                s.setLong(4, accountId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rules.put(r.getLong(1), new RetentionRule(r.getInt(2), r.getInt(3), r.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read retention rules", e);
        }
        return rules;
    }

    private Optional<RetentionOverrides> read(String where, Long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select delete_after_retrieval_days, delete_older_than_days, "
                     + "login_delay_seconds from retention_rule where " + where)) {
            if (id != null) {
                s.setLong(1, id);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RetentionOverrides(integer(r, 1), integer(r, 2), integer(r, 3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read retention rule", e);
        }
    }

    private void write(String scope, Long domainId, Long accountId, RetentionOverrides rule, String actor) {
        rule.applyTo(RetentionRule.KEEP_FOREVER); // rejects negative values before anything is written
        String conflict = switch (scope) {
            case "global" -> "((scope)) where scope = 'global'";
            case "domain" -> "(domain_id) where scope = 'domain'";
            default -> "(account_id) where scope = 'account'";
        };
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into retention_rule (scope, domain_id, account_id, "
                     + "delete_after_retrieval_days, delete_older_than_days, login_delay_seconds, updated_by) "
                     + "values (?, ?, ?, ?, ?, ?, ?) on conflict " + conflict + " do update set "
                     + "delete_after_retrieval_days = excluded.delete_after_retrieval_days, "
                     + "delete_older_than_days = excluded.delete_older_than_days, "
                     + "login_delay_seconds = excluded.login_delay_seconds, updated_at = now(), "
                     + "updated_by = excluded.updated_by")) {
            s.setString(1, scope);
            setLong(s, 2, domainId);
            setLong(s, 3, accountId);
            setInt(s, 4, rule.deleteAfterRetrievalDays());
            setInt(s, 5, rule.deleteOlderThanDays());
            setInt(s, 6, rule.loginDelaySeconds());
            s.setString(7, actor);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save retention rule", e);
        }
        String target = domainId != null ? "domain:" + domainId : accountId != null ? "account:" + accountId : "global";
        audit.record(actor, "retention-rule.set", target, null, rule.toString());
    }

    private void delete(String where, Long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from retention_rule where " + where)) {
            if (id != null) {
                s.setLong(1, id);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete retention rule", e);
        }
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static Integer integer(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }
}
