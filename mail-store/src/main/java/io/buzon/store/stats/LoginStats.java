package io.buzon.store.stats;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.ValidationException;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Hourly login counters for the console's dashboard. */
@ApplicationScoped
@StoreOperation
public class LoginStats {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]{1,20}");

    @Inject
    DataSource dataSource;

    /**
     * Counts one login attempt in the current hour (database clock), by one upsert.
     *
     * @param service e.g. {@code pop3}, {@code pop3s}, {@code console}
     * @param outcome e.g. {@code success}, {@code failure}, {@code locked}
     */
    public void record(String service, String outcome) {
        check(service);
        check(outcome);
        Sql.run(dataSource, "record login", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into login_stat (bucket, service, outcome, count) values (date_trunc('hour', now()), ?, ?, 1)"
                            + " on conflict (bucket, service, outcome) do update set count = login_stat.count + 1")) {
                ps.setString(1, service);
                ps.setString(2, outcome);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Counts for the current hour and the 23 before it, oldest first; hours without logins are absent.
     */
    public List<LoginCount> last24Hours() {
        return Sql.run(dataSource, "read login stats", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select bucket, service, outcome, count from login_stat"
                            + " where bucket >= date_trunc('hour', now()) - interval '23 hours'"
                            + " order by bucket, service, outcome");
                 ResultSet rs = ps.executeQuery()) {
                List<LoginCount> counts = new ArrayList<>();
                while (rs.next()) {
                    counts.add(new LoginCount(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
                return counts;
            }
        });
    }

    private static void check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("service and outcome must be 1-20 characters of a-z, 0-9, _ . -");
        }
    }
}
