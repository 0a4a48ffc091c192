package io.buzon.store.retention;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.Actor;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.lock.LeaseLostException;
import io.buzon.store.maildrop.MaildropService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Applies the retention rules: a dry-run {@link #preview}, and {@link #purge} which deletes exactly a
 * preview's selection through the store's own removal path ({@link MaildropService#commit(io.buzon.store.lock.Lease,
 * java.util.Set)}, i.e. MessageRemoval: quota usage and content references stay exact), holding each account's
 * maildrop lease meanwhile, and records every run.
 * Blocking; call from a worker thread.
 */
@ApplicationScoped
@StoreOperation
public class RetentionService {

    /** Messages selected by the effective rules at a given time (parameters: 2 config values, asOf twice). */
    private static final String SELECTION = "with rule as (select a.id as account_id, a.login, "
            + RetentionRules.AFTER_RETRIEVAL + " as after_days, " + RetentionRules.OLDER_THAN + " as older_days "
            + "from account a " + RetentionRules.EFFECTIVE_JOIN + ") "
            + "select r.account_id, r.login, m.id, m.size from rule r join message m on m.account_id = r.account_id "
            + "where (r.after_days > 0 and m.first_retrieved_at <= ?::timestamptz - make_interval(days => r.after_days)) "
            + "or (r.older_days > 0 and m.received_at <= ?::timestamptz - make_interval(days => r.older_days)) "
            + "order by r.account_id, m.id";

    @Inject
    DataSource dataSource;

    @Inject
    RetentionRules rules;

    @Inject
    RetentionConfig config;

    @Inject
    MaildropService maildrops;

    @Inject
    MaildropLockService locks;

    @Inject
    AuditLog audit;

    /** What a purge would delete now (database clock). */
    public RetentionPreview preview() {
        return preview(databaseNow());
    }

    /** What a purge would delete at {@code asOf}; nothing changes. */
    public RetentionPreview preview(Instant asOf) {
        List<AccountPurge> accounts = new ArrayList<>();
        Sql.execute(dataSource, "compute the retention preview", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECTION)) {
                s.setInt(1, config.deleteAfterRetrievalDays());
                s.setInt(2, config.deleteOlderThanDays());
                s.setObject(3, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
                s.setObject(4, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    long current = -1;
                    String login = null;
                    List<Long> ids = new ArrayList<>();
                    long bytes = 0;
                    while (r.next()) {
                        long accountId = r.getLong(1);
                        if (accountId != current && current >= 0) {
                            accounts.add(new AccountPurge(current, login, ids, bytes));
                            ids = new ArrayList<>();
                            bytes = 0;
                        }
                        current = accountId;
                        login = r.getString(2);
                        ids.add(r.getLong(3));
                        bytes += r.getLong(4);
                    }
                    if (current >= 0) {
                        accounts.add(new AccountPurge(current, login, ids, bytes));
                    }
                }
            }
        });
        return new RetentionPreview(asOf, accounts);
    }

    /** Selects now and deletes that selection; see {@link #purge(Actor, RetentionPreview)}. */
    public RetentionReport purge(Actor actor) {
        return purge(actor, preview());
    }

    /** Selects as of {@code asOf} and deletes that selection. */
    public RetentionReport purge(Actor actor, Instant asOf) {
        return purge(actor, preview(asOf));
    }

    /**
     * Deletes the messages of {@code plan} that still exist, account by account: each account's
     * deletion and its record commit together, under the account's maildrop lease. An account whose
     * maildrop is held by a session is skipped (SKIPPED_LOCKED) and left for the next run. The run is
     * recorded in {@code retention_run} even when it fails half-way (status {@code failed}).
     */
    public RetentionReport purge(Actor actor, RetentionPreview plan) {
        if (actor == null) {
            throw new IllegalArgumentException("a purge needs an actor (who started it)");
        }
        long runId = startRun(actor.auditName(), plan.asOf());
        List<AccountPurgeResult> results = new ArrayList<>();
        try {
            for (AccountPurge account : plan.accounts()) {
                results.add(purgeAccount(runId, account));
            }
        } catch (RuntimeException e) {
            finishRun(runId, results, "failed", e.toString());
            throw e;
        }
        finishRun(runId, results, "finished", null);
        RetentionReport report = run(runId).orElseThrow();
        audit.record(actor, "retention.purge", "run:" + runId, report.messages() + " messages, "
                + report.bytes() + " bytes in " + report.purged().size() + " accounts; " + report.skipped().size()
                + " skipped");
        return report;
    }

    /** The rule in force for an account (see {@link RetentionRules} for how levels combine). */
    public RetentionRule effectiveRule(long accountId) {
        return rules.effectiveRule(accountId);
    }

    /** The largest POP3 EXPIRE value over all accounts; empty = NEVER. */
    public OptionalInt maxExpireDaysForAnyUser() {
        return rules.maxExpireDaysForAnyUser();
    }

    /** The most recent runs, newest first. */
    public List<RetentionReport> runs(int limit) {
        List<Long> ids = new ArrayList<>();
        Sql.execute(dataSource, "list retention runs", c -> {
            try (PreparedStatement s = c.prepareStatement("select id from retention_run order by id desc limit ?")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
        });
        return ids.stream().map(id -> run(id).orElseThrow()).toList();
    }

    /** One recorded run with its per-account detail. */
    public Optional<RetentionReport> run(long runId) {
        return Sql.run(dataSource, "read retention run " + runId, c -> {
                        RetentionReport head;
            try (PreparedStatement s = c.prepareStatement("select actor, as_of, started_at, finished_at, status "
                    + "from retention_run where id = ?")) {
                s.setLong(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    head = new RetentionReport(runId, r.getString(1), instant(r.getTimestamp(2)),
                            instant(r.getTimestamp(3)), instant(r.getTimestamp(4)), r.getString(5), List.of());
                }
            }
            List<AccountPurgeResult> accounts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select account_id, login, message_ids, bytes, outcome "
                    + "from retention_run_account where run_id = ? order by account_id")) {
                s.setLong(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Long[] ids = (Long[]) r.getArray(3).getArray();
                        accounts.add(new AccountPurgeResult(new AccountPurge(r.getLong(1), r.getString(2),
                                Arrays.asList(ids), r.getLong(4)), PurgeOutcome.ofColumn(r.getString(5))));
                    }
                }
            }
            return Optional.of(new RetentionReport(head.runId(), head.actor(), head.asOf(), head.startedAt(),
                    head.finishedAt(), head.status(), accounts));
        
        });
    }

    private AccountPurgeResult purgeAccount(long runId, AccountPurge planned) {
        Optional<Lease> lease = locks.tryAcquire(planned.accountId(), "retention-" + runId, null, false);
        if (lease.isEmpty()) {
            AccountPurgeResult skipped = new AccountPurgeResult(planned, PurgeOutcome.SKIPPED_LOCKED);
            QuarkusTransaction.requiringNew().run(() -> recordAccount(runId, skipped));
            return skipped;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                AccountPurge existing = stillPresent(planned);
                // Deletes through the store's one removal path, with the lease row locked meanwhile.
                maildrops.commit(lease.get(), new LinkedHashSet<>(existing.messageIds()));
                AccountPurgeResult done = new AccountPurgeResult(existing, PurgeOutcome.PURGED);
                recordAccount(runId, done);
                return done;
            });
        } catch (LeaseLostException lost) {
            AccountPurgeResult skipped = new AccountPurgeResult(planned, PurgeOutcome.SKIPPED_LOCKED);
            QuarkusTransaction.requiringNew().run(() -> recordAccount(runId, skipped));
            return skipped;
        } finally {
            locks.release(lease.get());
        }
    }

    /** The planned messages that still exist (the owner may have deleted some since the preview). */
    private AccountPurge stillPresent(AccountPurge planned) {
        return Sql.run(dataSource, "re-read planned messages", c -> {
            try (PreparedStatement s = c.prepareStatement("select id, size from message where account_id = ? "
                    + "and id = any(?) order by id")) {
                s.setLong(1, planned.accountId());
                s.setArray(2, c.createArrayOf("bigint", planned.messageIds().toArray(Long[]::new)));
                List<Long> ids = new ArrayList<>();
                long bytes = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                        bytes += r.getLong(2);
                    }
                }
                return new AccountPurge(planned.accountId(), planned.login(), ids, bytes);
            }
        });
    }


    private void recordAccount(long runId, AccountPurgeResult result) {
        AccountPurge p = result.purge();
        Sql.execute(dataSource, "record retention detail", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into retention_run_account (run_id, account_id, login, "
                         + "messages, bytes, message_ids, outcome) values (?, ?, ?, ?, ?, ?, ?)")) {
                Array ids = c.createArrayOf("bigint", p.messageIds().toArray(Long[]::new));
                s.setLong(1, runId);
                s.setLong(2, p.accountId());
                s.setString(3, p.login());
                s.setInt(4, p.messages());
                s.setLong(5, p.bytes());
                s.setArray(6, ids);
                s.setString(7, result.outcome().column());
                s.executeUpdate();
            }
        });
    }

    private long startRun(String actor, Instant asOf) {
        return Sql.run(dataSource, "record retention run", c -> {
            try (PreparedStatement s = c.prepareStatement("insert into retention_run (actor, as_of, started_at, status) "
                         + "values (?, ?, clock_timestamp(), 'running') returning id")) {
                s.setString(1, actor.strip());
                s.setObject(2, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private void finishRun(long runId, List<AccountPurgeResult> results, String status, String error) {
        int accounts = 0;
        int messages = 0;
        long bytes = 0;
        int skipped = 0;
        for (AccountPurgeResult result : results) {
            if (result.outcome() == PurgeOutcome.PURGED) {
                accounts++;
                messages += result.purge().messages();
                bytes += result.purge().bytes();
            } else {
                skipped++;
            }
        }
        int accountCount = accounts, messageCount = messages, skippedCount = skipped;
        long byteCount = bytes;
        Sql.execute(dataSource, "finish retention run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("update retention_run set finished_at = clock_timestamp(), "
                         + "accounts = ?, messages = ?, bytes = ?, skipped = ?, status = ?, error = ? where id = ?")) {
                s.setInt(1, accountCount);
                s.setInt(2, messageCount);
                s.setLong(3, byteCount);
                s.setInt(4, skippedCount);
                s.setString(5, status);
                s.setString(6, error);
                s.setLong(7, runId);
                s.executeUpdate();
            }
        });
    }

    private Instant databaseNow() {
        return Sql.run(dataSource, "read the database clock", c -> {
            try (PreparedStatement s = c.prepareStatement("select now()");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
