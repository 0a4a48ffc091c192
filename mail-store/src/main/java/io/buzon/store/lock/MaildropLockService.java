package io.buzon.store.lock;

import io.buzon.store.audit.AuditLog;
import io.buzon.store.Actor;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.NotFoundException;
import io.buzon.store.config.StoreConfig;
import io.buzon.store.job.ClusterJobs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Exclusive maildrop locks as lease rows, correct across replicas sharing one PostgreSQL and holding no
 * connection per session: a lease is taken by one conditional upsert (it succeeds only if no row exists or
 * the existing one has expired), kept alive by {@link #heartbeat()}, and dropped by {@link #release}.
 * A crashed holder stops heart-beating: its instance's liveness row ({@code store_instance}) expires after
 * {@code buzon.store.lock.instance-ttl} (seconds), and from then on its leases can be taken, without waiting
 * for the lease's own {@code buzon.store.lock.ttl} (which still bounds a lease whose instance lives on but
 * stopped renewing it). A holder that was merely slow finds its lease taken over at its next heartbeat or
 * commit (the commit checks ownership in its own transaction), so two sessions never both delete.
 * Every time comparison uses the database clock.
 *
 * <p>Each instance has its own random instance id; a lease's owner id is that id plus the caller's session id.
 */
@ApplicationScoped
@StoreOperation
public class MaildropLockService {

    private DataSource dataSource;
    private Duration ttl;
    private Duration instanceTtl;
    private String instanceId;

    /** For CDI's client proxy. */
    protected MaildropLockService() {
    }

    @Inject
    AuditLog audit;

    @Inject
    MaildropLockService(DataSource dataSource, StoreConfig config) {
        this(dataSource, config.lock().ttl(), config.lock().instanceTtl(), UUID.randomUUID().toString());
    }

    /**
     * A lock service outside CDI, e.g. a second replica in a test or a tool.
     *
     * @param ttl         how long a lease lives without a heartbeat
     * @param instanceTtl how long this instance counts as alive without a heartbeat
     * @param instanceId  distinct for every running instance
     */
    public MaildropLockService(DataSource dataSource, Duration ttl, Duration instanceTtl, String instanceId) {
        if (ttl.isNegative() || ttl.isZero() || instanceTtl.isNegative() || instanceTtl.isZero()) {
            throw new IllegalArgumentException("lease and instance ttl must be positive");
        }
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.instanceTtl = instanceTtl;
        this.instanceId = instanceId;
    }

    /**
     * Upserts this instance's liveness row; the first statement of every lease write, so a lease never
     * exists without a live instance row behind it.
     */
    private static final String ALIVE = "with alive as (insert into store_instance (instance_id, heartbeat_at, expires_at)"
            + " values (?, now(), now() + make_interval(secs => ?)) on conflict (instance_id) do update"
            + " set heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at) ";

    /** A lease nobody holds any more: its own TTL is over, or the instance that took it stopped heart-beating. */
    private static final String TAKEABLE = "(l.expires_at < now() or not exists (select 1 from store_instance i"
            + " where i.instance_id = l.instance_id and i.expires_at >= now()))";

    @Inject
    ClusterJobs jobs;

    /**
     * Keeps this instance's liveness row fresh, every third of {@code buzon.store.lock.instance-ttl}: one
     * row, whatever the number of sessions (their leases are renewed less often, by {@link #heartbeat}).
     * Also forgets instances gone for a day (each start of a replica is a new instance).
     */
    void startInstanceJobs(@Observes StartupEvent event) {
        jobs.every("instance-liveness", instanceTtl.dividedBy(3), ClusterJobs.Scope.INSTANCE, this::stayAlive);
        jobs.every("instance-sweep", Duration.ofHours(1), ClusterJobs.Scope.CLUSTER, () ->
                Sql.execute(dataSource, "forget departed instances", c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "delete from store_instance where expires_at < now() - interval '1 day'")) {
                        ps.executeUpdate();
                    }
                }));
    }

    /** Renews this instance's liveness row (see {@code buzon.store.lock.instance-ttl}). */
    public void stayAlive() {
        Sql.execute(dataSource, "renew instance liveness", c -> {
            try (PreparedStatement ps = c.prepareStatement(ALIVE + "select 1")) {
                ps.setString(1, instanceId);
                ps.setDouble(2, seconds(instanceTtl));
                ps.execute();
            }
        });
    }

    /** This instance's id (the prefix of its owner ids). */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Tries to lock an account's maildrop for a session.
     *
     * @param sessionId     unique within this instance (e.g. the connection id)
     * @param remoteAddress client address shown in the console
     * @return the lease, or empty when another live session holds the maildrop
     */
    public Optional<Lease> tryAcquire(long accountId, String sessionId, String remoteAddress, boolean tls) {
        String ownerId = instanceId + "/" + sessionId;
        return Sql.run(dataSource, "acquire maildrop lease", c -> {
            try (PreparedStatement ps = c.prepareStatement(ALIVE
                    + "insert into maildrop_lease as l (account_id, owner_id, instance_id, acquired_at, heartbeat_at,"
                            + " expires_at, remote_address, tls, bytes_sent, terminate_requested)"
                            + " values (?, ?, ?, now(), now(), now() + make_interval(secs => ?), ?, ?, 0, false)"
                            + " on conflict (account_id) do update set owner_id = excluded.owner_id,"
                            + " instance_id = excluded.instance_id, acquired_at = excluded.acquired_at,"
                            + " heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at,"
                            + " remote_address = excluded.remote_address, tls = excluded.tls, bytes_sent = 0,"
                            + " terminate_requested = false"
                            + " where " + TAKEABLE
                            + " returning acquired_at, expires_at")) {
                ps.setString(1, instanceId);
                ps.setDouble(2, seconds(instanceTtl));
                ps.setLong(3, accountId);
                ps.setString(4, ownerId);
                ps.setString(5, instanceId);
                ps.setDouble(6, seconds(ttl));
                ps.setString(7, remoteAddress);
                ps.setBoolean(8, tls);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Lease(accountId, ownerId, instant(rs, 1), instant(rs, 2)));
                }
            } catch (SQLException e) {
                // 23503: the account was deleted meanwhile; there is nothing to lock
                if ("23503".equals(e.getSQLState())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * Takes an account's maildrop lease inside the caller's transaction, for a change made by an
     * administrator or the store itself (deleting messages, deleting the account): the lease row exists
     * only in that transaction, so a POP3 session asking for the maildrop meanwhile waits for the commit
     * and then sees the changed mailbox, never a half-changed one. {@link #release} the hold before the
     * transaction ends (deleting the account removes it with the account).
     *
     * @throws MaildropInUseException when a live session holds the maildrop
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lease holdForChange(long accountId) {
        // read first: a lease insert for a missing account would fail on the foreign key and abort the
        // caller's transaction
        String login = loginOf(accountId)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        return tryAcquire(accountId, "change-" + UUID.randomUUID(), null, false)
                .orElseThrow(() -> new MaildropInUseException(login));
    }

    private Optional<String> loginOf(long accountId) {
        return Sql.run(dataSource, "read account login", c -> {
            try (PreparedStatement ps = c.prepareStatement("select login from account where id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Releases a lease at once (clean QUIT or disconnect). Does nothing if it is no longer ours. */
    public void release(Lease lease) {
        Sql.run(dataSource, "release maildrop lease", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from maildrop_lease where account_id = ? and owner_id = ?")) {
                ps.setLong(1, lease.accountId());
                ps.setString(2, lease.ownerId());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Renews every unexpired lease this instance holds for another TTL, in one statement. Call it every
     * {@code buzon.store.lock.heartbeat-interval}. An already expired lease is not revived: another session
     * may have seen it free; its session learns it is {@link LeaseStatus#LOST} from {@link #status}.
     *
     * @return the number of leases renewed
     */
    public int heartbeat() {
        return heartbeat(Map.of());
    }

    /**
     * {@link #heartbeat()} that also stores each session's octets sent (by lease owner id) for the console,
     * in the same single statement: one round trip per instance whatever the number of sessions.
     */
    public int heartbeat(Map<String, Long> bytesSentByOwner) {
        String[] owners = bytesSentByOwner.keySet().toArray(String[]::new);
        Long[] bytes = new Long[owners.length];
        for (int i = 0; i < owners.length; i++) {
            bytes[i] = bytesSentByOwner.get(owners[i]);
        }
        return Sql.run(dataSource, "renew maildrop leases", c -> {
            try (PreparedStatement ps = c.prepareStatement(ALIVE
                    + "update maildrop_lease set heartbeat_at = now(), expires_at = now() + make_interval(secs => ?),"
                            + " bytes_sent = coalesce((select s.bytes from unnest(?::text[], ?::bigint[]) as s(owner, bytes)"
                            + " where s.owner = maildrop_lease.owner_id), bytes_sent)"
                            + " where instance_id = ? and expires_at >= now()")) {
                ps.setString(1, instanceId);
                ps.setDouble(2, seconds(instanceTtl));
                ps.setDouble(3, seconds(ttl));
                ps.setArray(4, c.createArrayOf("text", owners));
                ps.setArray(5, c.createArrayOf("bigint", bytes));
                ps.setString(6, instanceId);
                return ps.executeUpdate();
            }
        });
    }

    /** Whether the lease is still held, held but asked to terminate, or lost. */
    public LeaseStatus status(Lease lease) {
        return Sql.run(dataSource, "read maildrop lease", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select terminate_requested from maildrop_lease"
                            + " where account_id = ? and owner_id = ? and expires_at >= now()")) {
                ps.setLong(1, lease.accountId());
                ps.setString(2, lease.ownerId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return LeaseStatus.LOST;
                    }
                    return rs.getBoolean(1) ? LeaseStatus.TERMINATION_REQUESTED : LeaseStatus.HELD;
                }
            }
        });
    }

    /**
     * The state of every live lease of this instance in one query, keyed by owner id, so a server with many
     * sessions can check them all after each {@link #heartbeat()}. An owner id that is absent is
     * {@link LeaseStatus#LOST}.
     */
    public Map<String, LeaseStatus> statusesOfThisInstance() {
        return Sql.run(dataSource, "read instance leases", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select owner_id, terminate_requested from maildrop_lease where instance_id = ? and expires_at >= now()")) {
                ps.setString(1, instanceId);
                Map<String, LeaseStatus> statuses = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(rs.getString(1),
                                rs.getBoolean(2) ? LeaseStatus.TERMINATION_REQUESTED : LeaseStatus.HELD);
                    }
                }
                return statuses;
            }
        });
    }

    /** True when the session should end: termination requested or lease lost. */
    public boolean terminationRequested(Lease lease) {
        return status(lease) != LeaseStatus.HELD;
    }

    /** Records the octets sent so far in the session, for the console. */
    public void updateSessionStats(Lease lease, long bytesSent) {
        Sql.run(dataSource, "update session stats", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update maildrop_lease set bytes_sent = ? where account_id = ? and owner_id = ?")) {
                ps.setLong(1, bytesSent);
                ps.setLong(2, lease.accountId());
                ps.setString(3, lease.ownerId());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Asks whichever session holds the account's maildrop, on any replica, to end.
     *
     * @return true when a live lease was flagged
     */
    @Transactional
    public boolean requestTermination(Actor actor, long accountId) {
        boolean requested = Sql.run(dataSource, "request session termination", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update maildrop_lease set terminate_requested = true where account_id = ? and expires_at >= now()")) {
                ps.setLong(1, accountId);
                return ps.executeUpdate() == 1;
            }
        });
        if (requested) {
            audit.record(actor, "session.terminate", loginOf(accountId).orElse("#" + accountId), null);
        }
        return requested;
    }

    /** Unexpired leases of all instances, newest first, for the console. */
    public List<ActiveSession> listActive() {
        return Sql.run(dataSource, "list maildrop leases", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select l.account_id, a.login, l.owner_id, l.instance_id, l.acquired_at, l.heartbeat_at,"
                            + " l.expires_at, l.remote_address, l.tls, l.bytes_sent, l.terminate_requested"
                            + " from maildrop_lease l join account a on a.id = l.account_id"
                            + " where l.expires_at >= now() and not " + TAKEABLE
                            + " order by l.acquired_at desc, l.account_id");
                 ResultSet rs = ps.executeQuery()) {
                List<ActiveSession> sessions = new ArrayList<>();
                while (rs.next()) {
                    sessions.add(new ActiveSession(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getBoolean(9),
                            rs.getLong(10), rs.getBoolean(11)));
                }
                return sessions;
            }
        });
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
