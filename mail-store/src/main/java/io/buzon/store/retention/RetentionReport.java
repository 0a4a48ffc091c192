package io.buzon.store.retention;

import java.time.Instant;
import java.util.List;

/** A recorded purge run (table {@code retention_run} with its {@code retention_run_account} rows). */
public record RetentionReport(long runId, String actor, Instant asOf, Instant startedAt, Instant finishedAt,
                              String status, List<AccountPurgeResult> accounts) {

    public RetentionReport {
        accounts = List.copyOf(accounts);
    }

    /** Messages deleted (skipped accounts excluded). */
    public int messages() {
        return purged().stream().mapToInt(AccountPurge::messages).sum();
    }

    /** Bytes freed (skipped accounts excluded). */
    public long bytes() {
        return purged().stream().mapToLong(AccountPurge::bytes).sum();
    }

    public List<AccountPurge> purged() {
        return accounts.stream().filter(a -> a.outcome() == PurgeOutcome.PURGED).map(AccountPurgeResult::purge).toList();
    }

    public List<AccountPurgeResult> skipped() {
        return accounts.stream().filter(a -> a.outcome() != PurgeOutcome.PURGED).toList();
    }
}
