package io.buzon.store.auth;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * Failed-login counters in {@code auth_failure}, shared by every replica. Each change is one
 * statement ({@code insert ... on conflict do update}), so concurrent failures on different replicas
 * are all counted; times come from the database clock.
 */
@ApplicationScoped
@StoreOperation
public class LockoutTracker {

    public static final String LOGIN = "login";
    public static final String ADDRESS = "address";

    @Inject
    DataSource dataSource;

    /** True when the login or the address is locked now. {@code address} may be null. */
    public boolean isLocked(String login, String address) {
        return Sql.run(dataSource, "read lockout state", c -> {
            try (PreparedStatement s = c.prepareStatement("select exists (select 1 from auth_failure where "
                         + "((scope = 'login' and subject = ?) or (scope = 'address' and subject = ?)) "
                         + "and locked_until > now())")) {
                s.setString(1, login);
                s.setString(2, address == null ? "" : address);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    /**
     * Counts one failure. A counter restarts when its window has passed or its lock has expired; it
     * locks when it reaches {@code threshold} (0 = never).
     *
     * @return the failures now counted in the window
     */
    public int recordFailure(String scope, String subject, int threshold, Duration window, Duration duration) {
        String restart = "(f.window_start <= now() - make_interval(secs => ?) "
                + "or (f.locked_until is not null and f.locked_until <= now()))";
        String sql = "insert into auth_failure as f (scope, subject, failures, window_start, locked_until) "
                + "values (?, ?, 1, now(), case when ? > 0 and 1 >= ? then now() + make_interval(secs => ?) end) "
                + "on conflict (scope, subject) do update set "
                + "failures = case when " + restart + " then 1 else f.failures + 1 end, "
                + "window_start = case when " + restart + " then now() else f.window_start end, "
                + "locked_until = case when ? > 0 and (case when " + restart + " then 1 else f.failures + 1 end) >= ? "
                + "then coalesce(case when f.locked_until > now() then f.locked_until end, now() + make_interval(secs => ?)) "
                + "when " + restart + " then null else f.locked_until end "
                + "returning failures";
        double windowSeconds = window.toMillis() / 1000.0;
        double durationSeconds = duration.toMillis() / 1000.0;
        return Sql.run(dataSource, "record a failed login", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, scope);
                s.setString(i++, subject);
                s.setInt(i++, threshold);
                s.setInt(i++, threshold);
                s.setDouble(i++, durationSeconds);
                s.setDouble(i++, windowSeconds);
                s.setDouble(i++, windowSeconds);
                s.setInt(i++, threshold);
                s.setDouble(i++, windowSeconds);
                s.setInt(i++, threshold);
                s.setDouble(i++, durationSeconds);
                s.setDouble(i, windowSeconds);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** Failures currently counted for a login name or address (0 when there is no counter). */
    public int failures(String scope, String subject) {
        return Sql.run(dataSource, "read failed logins", c -> {
            try (PreparedStatement s = c.prepareStatement("select failures from auth_failure where scope = ? and subject = ?")) {
                s.setString(1, scope);
                s.setString(2, subject);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
    }

    /** Forgets a login's failures after it authenticated. */
    public void clear(String scope, String subject) {
        Sql.execute(dataSource, "clear failed logins", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from auth_failure where scope = ? and subject = ?")) {
                s.setString(1, scope);
                s.setString(2, subject);
                s.executeUpdate();
            }
        });
    }

    /** Deletes counters whose window and lock are both over; returns how many. */
    public int forgetExpired(Duration longestWindow) {
        return Sql.run(dataSource, "forget old failed logins", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from auth_failure where (locked_until is null "
                         + "or locked_until <= now()) and window_start <= now() - make_interval(secs => ?)")) {
                s.setDouble(1, longestWindow.toMillis() / 1000.0);
                return s.executeUpdate();
            }
        });
    }
}
