package io.buzon.store.delivery;

import io.buzon.store.jdbc.Sql;
import io.buzon.store.jdbc.StoreOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Which quota thresholds an account has been warned about ({@code lmtp_quota_warning}), so each crossing
 * warns once. A claim is one conditional insert: of two concurrent deliveries crossing the same threshold,
 * exactly one wins it and sends the warning.
 */
@ApplicationScoped
@StoreOperation
public class QuotaWarningMarks {

    @Inject
    DataSource dataSource;

    /** The thresholds (percent) already announced to the account. */
    public Set<Integer> announced(long accountId) {
        return Sql.run(dataSource, "read quota warnings", c -> {
            try (PreparedStatement ps = c.prepareStatement("select threshold from lmtp_quota_warning where account_id = ?")) {
                ps.setLong(1, accountId);
                Set<Integer> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            }
        });
    }

    /** True when this caller is the one to announce {@code threshold} (nobody had). */
    public boolean claim(long accountId, int threshold) {
        return Sql.run(dataSource, "record quota warning", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into lmtp_quota_warning (account_id, threshold) values (?, ?) on conflict do nothing")) {
                ps.setLong(1, accountId);
                ps.setInt(2, threshold);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets an announcement: usage fell below it again, or the warning could not be delivered. */
    public void forget(long accountId, int threshold) {
        Sql.execute(dataSource, "reset quota warning", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from lmtp_quota_warning where account_id = ? and threshold = ?")) {
                ps.setLong(1, accountId);
                ps.setInt(2, threshold);
                ps.executeUpdate();
            }
        });
    }
}
