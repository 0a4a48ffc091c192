package io.buzon.store.account;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.quota.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Collection;
import java.util.Locale;

/**
 * Counts and sums over many accounts in one aggregate query, for summaries (the dashboard, what deleting a
 * domain removes) that would otherwise page through every account.
 */
@ApplicationScoped
@StoreOperation
public class AccountTotals {

    /**
     * @param accounts      accounts in scope
     * @param usedBytes     sum of their stored octets
     * @param usedMessages  sum of their stored messages
     * @param quotaBytes    sum of their effective byte quotas (own, else the domain default) over the
     *                      accounts that have one
     * @param unlimited     at least one account in scope has no byte quota at all
     */
    public record Totals(long accounts, long usedBytes, long usedMessages, long quotaBytes, boolean unlimited) {
    }

    @Inject
    DataSource dataSource;

    /** Totals over the accounts of the named domains (case-insensitive); null = every domain. */
    public Totals of(Collection<String> domains) {
        return Sql.run(dataSource, "account totals", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*), coalesce(sum(a.used_bytes), 0), coalesce(sum(a.used_messages), 0),"
                            + " coalesce(sum(" + QuotaService.EFFECTIVE_BYTES + "), 0),"
                            + " coalesce(bool_or(" + QuotaService.EFFECTIVE_BYTES + " is null), false)"
                            + " from account a join domain d on d.id = a.domain_id"
                            + " where ?::text[] is null or d.name = any(?::text[])")) {
                if (domains == null) {
                    ps.setNull(1, Types.ARRAY);
                    ps.setNull(2, Types.ARRAY);
                } else {
                    Array names = c.createArrayOf("text",
                            domains.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray());
                    ps.setArray(1, names);
                    ps.setArray(2, names);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5));
                }
            }
        });
    }
}
