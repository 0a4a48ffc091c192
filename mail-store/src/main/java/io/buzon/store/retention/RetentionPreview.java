package io.buzon.store.retention;

import java.time.Instant;
import java.util.List;

/** A dry run: what the rules select at {@code asOf}, per account (accounts with nothing selected are left out). */
public record RetentionPreview(Instant asOf, List<AccountPurge> accounts) {

    public RetentionPreview {
        accounts = List.copyOf(accounts);
    }

    public int messages() {
        return accounts.stream().mapToInt(AccountPurge::messages).sum();
    }

    public long bytes() {
        return accounts.stream().mapToLong(AccountPurge::bytes).sum();
    }
}
