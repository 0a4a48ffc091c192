package io.buzon.store.retention;

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
@StoreOperation
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

    @Inject
    AuditTargets targets;

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
    public void setGlobalRule(Actor actor, RetentionOverrides rule) {
        write("global", null, null, rule, actor);
    }

    @Transactional
    public void setDomainRule(Actor actor, long domainId, RetentionOverrides rule) {
        write("domain", domainId, null, rule, actor);
    }

    @Transactional
    public void setAccountRule(Actor actor, long accountId, RetentionOverrides rule) {
        write("account", null, accountId, rule, actor);
    }

    /** Removes the global row (back to configuration), a domain's or an account's row (back to inheriting). */
    @Transactional
    public void clearGlobalRule(Actor actor) {
        delete("scope = 'global'", null);
        audit.record(actor, "retention-rule.clear", "global", null);
    }

    @Transactional
    public void clearDomainRule(Actor actor, long domainId) {
        delete("scope = 'domain' and domain_id = ?", domainId);
        audit.record(actor, "retention-rule.clear", targets.domain(domainId), null);
    }

    @Transactional
    public void clearAccountRule(Actor actor, long accountId) {
        delete("scope = 'account' and account_id = ?", accountId);
        audit.record(actor, "retention-rule.clear", targets.account(accountId), null);
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
        return Sql.run(dataSource, "summarise retention rules", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                RetentionRule base = config.base();
                s.setInt(1, base.deleteAfterRetrievalDays());
                s.setInt(2, base.deleteOlderThanDays());
                s.setInt(3, base.loginDelaySeconds());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Summary(r.getLong(1), r.getBoolean(2), r.getInt(3), integer(r, 4), r.getInt(5), r.getInt(6));
                }
            }
        });
    }

    private Map<Long, RetentionRule> effectiveRules(String where, Long accountId) {
        Map<Long, RetentionRule> rules = new LinkedHashMap<>();
        String sql = "select a.id, " + AFTER_RETRIEVAL + ", " + OLDER_THAN + ", " + LOGIN_DELAY
                + " from account a " + EFFECTIVE_JOIN + where + " order by a.id";
        Sql.execute(dataSource, "read retention rules", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
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
            }
        });
        return rules;
    }

    private Optional<RetentionOverrides> read(String where, Long id) {
        return Sql.run(dataSource, "read retention rule", c -> {
            try (PreparedStatement s = c.prepareStatement("select delete_after_retrieval_days, delete_older_than_days, "
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
            }
        });
    }

    private void write(String scope, Long domainId, Long accountId, RetentionOverrides rule, Actor actor) {
        rule.applyTo(RetentionRule.KEEP_FOREVER); // rejects negative values before anything is written
        String conflict = switch (scope) {
            case "global" -> "((scope)) where scope = 'global'";
            case "domain" -> "(domain_id) where scope = 'domain'";
            default -> "(account_id) where scope = 'account'";
        };
        Sql.execute(dataSource, "save retention rule", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into retention_rule (scope, domain_id, account_id, "
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
                s.setString(7, actor.auditName());
                s.executeUpdate();
            }
        });
        String target = domainId != null ? targets.domain(domainId) : accountId != null ? targets.account(accountId) : "global";
        audit.record(actor, "retention-rule.set", target, AuditDetail.of(rule));
    }

    private void delete(String where, Long id) {
        Sql.execute(dataSource, "delete retention rule", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from retention_rule where " + where)) {
                if (id != null) {
                    s.setLong(1, id);
                }
                s.executeUpdate();
            }
        });
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
