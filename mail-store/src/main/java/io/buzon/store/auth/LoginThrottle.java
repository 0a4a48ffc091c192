package io.buzon.store.auth;

import io.buzon.store.jdbc.Sql;
import io.buzon.store.jdbc.StoreOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one login throttle of every service (POP3, the self-service pages, the console), in
 * {@code auth_failure}, shared by every replica; times come from the database clock. Failures are counted
 * three ways, so that guessing is bounded while an attacker cannot lock the owner out:
 * <ul>
 *   <li>per name <em>and</em> address: that pair locks after the policy's threshold, and nothing else;</li>
 *   <li>per address, whatever the name (password spraying): the address locks;</li>
 *   <li>per name from everywhere (a distributed attack on one name): past its threshold the name stays open
 *       only to the addresses it signed in from before ({@code login_address}), so the owner's usual
 *       devices keep working while the botnet's addresses are refused.</li>
 * </ul>
 * Each change is one statement, so concurrent failures on different replicas are all counted.
 */
@ApplicationScoped
@StoreOperation
public class LoginThrottle {

    static final String PAIR = "pair";
    static final String ADDRESS = "address";
    static final String NAME = "login";

    /**
     * How many failures lock what (0 = that count never locks): a name from one address and a name from
     * everywhere within {@code window}, locked for {@code duration}; an address within {@code addressWindow},
     * locked for {@code addressDuration}.
     */
    public record Limits(int perNameAndAddress, int perName, Duration window, Duration duration,
                         int perAddress, Duration addressWindow, Duration addressDuration) {
    }

    /** What the console shows about a name: locked pairs, the name-wide state, where failures came from. */
    public record State(List<Counter> counters) {
        public boolean locked() {
            return counters.stream().anyMatch(Counter::locked);
        }
    }

    /**
     * One counter: {@code address} is null for the name-wide one; {@code lastAddress} is where its last
     * failure came from.
     */
    public record Counter(String scope, String address, int failures, Instant windowStart, Instant lockedUntil,
                          String lastAddress) {
        public boolean locked() {
            return lockedUntil != null && lockedUntil.isAfter(Instant.now());
        }
    }

    @Inject
    DataSource dataSource;

    /**
     * Whether an attempt for {@code subject} from {@code address} is refused without checking: its pair or
     * its address is locked, or the name is under attack and {@code address} is not one it signed in from
     * within {@code usualAddressMemory}.
     */
    public boolean isLocked(String subject, String address, Duration usualAddressMemory) {
        String from = address == null ? "" : address;
        return Sql.run(dataSource, "read login throttle", c -> {
            try (PreparedStatement s = c.prepareStatement("select exists (select 1 from auth_failure f where"
                    + " f.locked_until > now() and ((f.scope = 'pair' and f.subject = ?)"
                    + " or (f.scope = 'address' and f.subject = ?)"
                    + " or (f.scope = 'login' and f.subject = ? and not exists (select 1 from login_address u"
                    + "     where u.subject = ? and u.address = ? and u.last_success_at > now() - make_interval(secs => ?)))))")) {
                s.setString(1, pair(subject, from));
                s.setString(2, from);
                s.setString(3, subject);
                s.setString(4, subject);
                s.setString(5, from);
                s.setDouble(6, seconds(usualAddressMemory));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    /** Counts one failed attempt for {@code subject} from {@code address} (null when there is none). */
    public void recordFailure(String subject, String address, Limits limits) {
        if (address != null) {
            count(PAIR, pair(subject, address), address, limits.perNameAndAddress(), limits.window(), limits.duration());
            count(ADDRESS, address, address, limits.perAddress(), limits.addressWindow(), limits.addressDuration());
        }
        // without an address the name-wide count is the only guard, at the stricter threshold
        count(NAME, subject, address, address == null ? limits.perNameAndAddress() : limits.perName(), limits.window(),
                limits.duration());
    }

    /**
     * A successful sign-in: the pair's failures are forgotten and the address becomes one of the name's
     * usual ones. The name-wide count is kept (an attack on the name goes on whoever signs in).
     */
    public void recordSuccess(String subject, String address) {
        if (address == null) {
            return;
        }
        Sql.execute(dataSource, "record a successful login", c -> {
            try (PreparedStatement s = c.prepareStatement("with cleared as (delete from auth_failure"
                    + " where scope = 'pair' and subject = ?) insert into login_address (subject, address, last_success_at)"
                    + " values (?, ?, now()) on conflict (subject, address) do update set last_success_at = excluded.last_success_at")) {
                s.setString(1, pair(subject, address));
                s.setString(2, subject);
                s.setString(3, address);
                s.executeUpdate();
            }
        });
    }

    /** The counters of a name: its name-wide one and one per address it was tried from. */
    public State state(String subject) {
        return Sql.run(dataSource, "read login throttle state", c -> {
            try (PreparedStatement s = c.prepareStatement("select scope, subject, failures, window_start, locked_until,"
                    + " last_address from auth_failure where (scope = 'login' and subject = ?)"
                    + " or (scope = 'pair' and subject like ? escape '!') order by scope, window_start")) {
                s.setString(1, subject);
                s.setString(2, subject.replace("!", "!!").replace("%", "!%").replace("_", "!_") + " %");
                List<Counter> counters = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String scope = r.getString(1);
                        String address = PAIR.equals(scope) ? r.getString(2).substring(subject.length() + 1) : null;
                        counters.add(new Counter(scope, address, r.getInt(3), instant(r.getTimestamp(4)),
                                instant(r.getTimestamp(5)), r.getString(6)));
                    }
                }
                return new State(counters);
            }
        });
    }

    /** Lifts every lock of a name (its own and all its pairs); address locks stay. */
    public void unlock(String subject) {
        Sql.execute(dataSource, "unlock a login", c -> {
            try (PreparedStatement s = c.prepareStatement("delete from auth_failure where (scope = 'login' and subject = ?)"
                    + " or (scope = 'pair' and subject like ? escape '!')")) {
                s.setString(1, subject);
                s.setString(2, subject.replace("!", "!!").replace("%", "!%").replace("_", "!_") + " %");
                s.executeUpdate();
            }
        });
    }

    /** Deletes counters whose window and lock are both over, and usual addresses not seen for long. */
    public int forgetExpired(Duration longestWindow, Duration usualAddressMemory) {
        return Sql.run(dataSource, "forget old failed logins", c -> {
            int removed;
            try (PreparedStatement s = c.prepareStatement("delete from auth_failure where (locked_until is null "
                    + "or locked_until <= now()) and window_start <= now() - make_interval(secs => ?)")) {
                s.setDouble(1, seconds(longestWindow));
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "delete from login_address where last_success_at < now() - make_interval(secs => ?)")) {
                s.setDouble(1, seconds(usualAddressMemory));
                removed += s.executeUpdate();
            }
            return removed;
        });
    }

    /**
     * One failure on one counter. A counter restarts when its window has passed or its lock has expired;
     * it locks when it reaches {@code threshold} (0 = never).
     */
    private void count(String scope, String subject, String address, int threshold, Duration windowLength,
                       Duration lockLength) {
        String restart = "(f.window_start <= now() - make_interval(secs => ?) "
                + "or (f.locked_until is not null and f.locked_until <= now()))";
        String sql = "insert into auth_failure as f (scope, subject, failures, window_start, locked_until, last_address) "
                + "values (?, ?, 1, now(), case when ? > 0 and 1 >= ? then now() + make_interval(secs => ?) end, ?) "
                + "on conflict (scope, subject) do update set "
                + "failures = case when " + restart + " then 1 else f.failures + 1 end, "
                + "window_start = case when " + restart + " then now() else f.window_start end, "
                + "locked_until = case when ? > 0 and (case when " + restart + " then 1 else f.failures + 1 end) >= ? "
                + "then coalesce(case when f.locked_until > now() then f.locked_until end, now() + make_interval(secs => ?)) "
                + "when " + restart + " then null else f.locked_until end, "
                + "last_address = excluded.last_address";
        double window = seconds(windowLength);
        double duration = seconds(lockLength);
        Sql.execute(dataSource, "record a failed login", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, scope);
                s.setString(i++, subject);
                s.setInt(i++, threshold);
                s.setInt(i++, threshold);
                s.setDouble(i++, duration);
                s.setString(i++, address);
                s.setDouble(i++, window);
                s.setDouble(i++, window);
                s.setInt(i++, threshold);
                s.setDouble(i++, window);
                s.setInt(i++, threshold);
                s.setDouble(i++, duration);
                s.setDouble(i, window);
                s.executeUpdate();
            }
        });
    }

    /** A name and an address as one subject: "name address" (a name has no space, an address neither). */
    static String pair(String subject, String address) {
        return subject + " " + address;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
