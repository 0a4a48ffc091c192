package io.buzon.store.admin;

import io.buzon.store.Actor;
import io.buzon.store.ConflictException;
import io.buzon.store.NotFoundException;
import io.buzon.store.ValidationException;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.auth.AuthConfig;
import io.buzon.store.auth.Totp;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.password.PasswordHasher;
import io.buzon.store.password.PasswordPolicyChecker;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PasswordRefusedException;
import io.buzon.store.password.PolicyViolation;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.WebSessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Console administrators: sign-in checks, creation, grants, passwords, second factor, deletion. Every change
 * takes the {@link Actor} who asks for it and writes its audit record in the same transaction. Admin
 * passwords are hashed like mailbox passwords (argon2id, {@link PasswordHasher}) and must pass the same
 * policy checker against the global policy.
 */
@ApplicationScoped
@StoreOperation
public class AdminService {

    /** The super admin created on the first start. */
    public static final String BOOTSTRAP_USERNAME = "admin";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicyChecker checker;

    @Inject
    PasswordPolicyService policies;

    @Inject
    AuthConfig authConfig;

    @Inject
    WebSessionService sessions;

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    Clock clock = Clock.systemUTC();

    /** The enabled admin whose name and password match, or empty; costs one argon2id verification either way. */
    @Transactional
    public Optional<ConsoleAdmin> authenticate(String username, String password) {
        Optional<AdminEntity> admin = username == null || username.isBlank()
                ? Optional.empty() : AdminEntity.findByUsername(username.trim());
        if (admin.isEmpty()) {
            hasher.verifyDummy(password == null ? "" : password);
            return Optional.empty();
        }
        boolean matches = hasher.verify(password == null ? "" : password, admin.get().passwordHash);
        if (!matches || !admin.get().enabled) {
            return Optional.empty();
        }
        return admin.map(this::toAdmin);
    }

    @Transactional
    public void recordLogin(long adminId) {
        AdminEntity admin = AdminEntity.findById(adminId);
        if (admin != null) {
            admin.lastLoginAt = OffsetDateTime.now();
        }
    }

    /**
     * Creates the super admin {@value #BOOTSTRAP_USERNAME} when no admin exists yet. Safe when several
     * replicas start at once: exactly one creates it, the others find it.
     *
     * @return true when this call created it
     * @throws PasswordRefusedException when the password does not pass the policy (nothing created)
     */
    @Transactional
    public boolean bootstrap(String password) {
        // serialises concurrent first starts on one row lock instead of racing on the unique index
        Sql.execute(dataSource, "lock admin bootstrap", c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('buzon-bootstrap-admin'))")) {
                ps.execute();
            }
        });
        if (AdminEntity.count() > 0) {
            return false;
        }
        create(Actor.system("bootstrap"), BOOTSTRAP_USERNAME, password, AdminRole.SUPER_ADMIN, List.of());
        return true;
    }

    /**
     * @param domainIds the domains a domain admin manages; ignored for super admins
     * @throws ValidationException       for a malformed name or an unknown domain
     * @throws ConflictException         when the name is taken
     * @throws PasswordRefusedException  with the policy's reasons
     */
    @Transactional
    public ConsoleAdmin create(Actor actor, String username, String password, AdminRole role, Collection<Long> domainIds) {
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            throw new ValidationException("an admin name has 2 to 64 letters, digits or . _ @ -, starting with a letter or digit")
                    .withReason("ADMIN_USERNAME");
        }
        if (role == null) {
            throw new ValidationException("an admin needs a role").withReason("ADMIN_ROLE");
        }
        if (AdminEntity.findByUsername(name).isPresent()) {
            throw new ConflictException("an admin named " + name + " already exists").withReason("ADMIN_EXISTS");
        }
        checkPassword(name, password);
        AdminEntity admin = new AdminEntity();
        admin.username = name;
        admin.passwordHash = hasher.hash(password);
        admin.role = role;
        admin.domainIds = role == AdminRole.DOMAIN_ADMIN ? existingDomains(domainIds) : new TreeSet<>();
        admin.persistAndFlush();
        syncLegacyGrants(admin);
        ConsoleAdmin created = toAdmin(admin);
        audit.record(actor, "admin.create", "admin:" + name, "role=" + role + " domains=" + created.domainNames());
        return created;
    }

    /** Replaces the domains a domain admin manages. */
    @Transactional
    public ConsoleAdmin setDomains(Actor actor, long adminId, Collection<Long> domainIds) {
        AdminEntity admin = require(adminId);
        admin.domainIds.clear();
        if (admin.role == AdminRole.DOMAIN_ADMIN) {
            admin.domainIds.addAll(existingDomains(domainIds));
        }
        syncLegacyGrants(admin);
        ConsoleAdmin updated = toAdmin(admin);
        audit.record(actor, "admin.domains", "admin:" + admin.username, "domains=" + updated.domainNames());
        return updated;
    }

    /** Enables or disables an admin; disabling ends their sessions. */
    @Transactional
    public void setEnabled(Actor actor, long adminId, boolean enabled) {
        AdminEntity admin = require(adminId);
        if (!enabled) {
            requireAnotherSuperAdmin(admin);
            sessions.closeAll(SessionKind.ADMIN, admin.username);
        }
        admin.enabled = enabled;
        audit.record(actor, enabled ? "admin.enable" : "admin.disable", "admin:" + admin.username, null);
    }

    /**
     * An admin changes their own password, proving the current one; their other sessions end.
     *
     * @param keepSessionToken the cookie value of the session that asked, which stays open
     */
    @Transactional
    public void changePassword(Actor actor, long adminId, String currentPassword, String newPassword, String keepSessionToken) {
        AdminEntity admin = require(adminId);
        if (!hasher.verify(currentPassword == null ? "" : currentPassword, admin.passwordHash)) {
            throw new ValidationException("the current password is not right").withReason("PASSWORD_CURRENT");
        }
        checkPassword(admin.username, newPassword);
        admin.passwordHash = hasher.hash(newPassword);
        sessions.closeOthers(SessionKind.ADMIN, admin.username, keepSessionToken);
        audit.record(actor, "admin.password.change", "admin:" + admin.username, null);
    }

    /**
     * Sets another admin's password (a super admin, or the offline {@code admin reset-password} command);
     * all their sessions end.
     */
    @Transactional
    public void resetPassword(Actor actor, String username, String newPassword) {
        AdminEntity admin = AdminEntity.findByUsername(username == null ? "" : username.trim())
                .orElseThrow(() -> new NotFoundException("no admin named " + username));
        checkPassword(admin.username, newPassword);
        admin.passwordHash = hasher.hash(newPassword);
        sessions.closeAll(SessionKind.ADMIN, admin.username);
        audit.record(actor, "admin.password.reset", "admin:" + admin.username, null);
    }

    /**
     * Turns TOTP on with {@code secret} (kept server-side while enrolling) when {@code code} is valid for it
     * now, using up that code's step.
     *
     * @return false (nothing stored) when the code is wrong
     */
    @Transactional
    public boolean enableTotp(Actor actor, long adminId, String secret, String code) {
        long step = Totp.matchingStep(secret, code, clock.instant(), authConfig.totp().allowedDrift());
        if (step < 0) {
            return false;
        }
        AdminEntity admin = require(adminId);
        admin.totpSecret = secret;
        admin.totpLastStep = step;
        audit.record(actor, "admin.totp.enable", "admin:" + admin.username, null);
        return true;
    }

    @Transactional
    public void disableTotp(Actor actor, long adminId) {
        AdminEntity admin = require(adminId);
        admin.totpSecret = null;
        admin.totpLastStep = null;
        audit.record(actor, "admin.totp.disable", "admin:" + admin.username, null);
    }

    /** Removes an admin's second factor (lost phone): a super admin, or the offline {@code admin reset-totp}. */
    @Transactional
    public void resetTotp(Actor actor, String username) {
        AdminEntity admin = AdminEntity.findByUsername(username == null ? "" : username.trim())
                .orElseThrow(() -> new NotFoundException("no admin named " + username));
        admin.totpSecret = null;
        admin.totpLastStep = null;
        sessions.closeAll(SessionKind.ADMIN, admin.username);
        audit.record(actor, "admin.totp.reset", "admin:" + admin.username, null);
    }

    /**
     * Checks an admin's TOTP code: ±{@code buzon.auth.totp.allowed-drift} steps, never a step at or before
     * the last accepted one. One conditional update, so two replicas cannot both accept the same code.
     */
    @Transactional
    public TwoFactorService.CodeCheck checkTotp(long adminId, String code) {
        AdminEntity admin = AdminEntity.findById(adminId);
        if (admin == null || admin.totpSecret == null) {
            return TwoFactorService.CodeCheck.WRONG;
        }
        long step = Totp.matchingStep(admin.totpSecret, code, clock.instant(), authConfig.totp().allowedDrift());
        if (step < 0) {
            return TwoFactorService.CodeCheck.WRONG;
        }
        int updated = AdminEntity.update("totpLastStep = ?1 where id = ?2 and (totpLastStep is null or totpLastStep < ?1)",
                step, adminId);
        return updated == 1 ? TwoFactorService.CodeCheck.ACCEPTED : TwoFactorService.CodeCheck.REPLAYED;
    }

    /** Deletes an admin and their sessions; the last enabled super admin cannot be deleted. */
    @Transactional
    public void delete(Actor actor, long adminId) {
        AdminEntity admin = require(adminId);
        requireAnotherSuperAdmin(admin);
        sessions.closeAll(SessionKind.ADMIN, admin.username);
        String name = admin.username;
        admin.delete();
        audit.record(actor, "admin.delete", "admin:" + name, null);
    }

    /** The policy's objections to {@code password} as an admin password, without changing anything. */
    public List<PolicyViolation> check(String username, String password) {
        return checker.check(policies.effectivePolicy(null), password == null ? "" : password, username);
    }

    @Transactional
    public List<ConsoleAdmin> list() {
        return AdminEntity.<AdminEntity>list("order by lower(username)").stream().map(this::toAdmin).toList();
    }

    @Transactional
    public Optional<ConsoleAdmin> find(long id) {
        return AdminEntity.<AdminEntity>findByIdOptional(id).map(this::toAdmin);
    }

    @Transactional
    public Optional<ConsoleAdmin> findByUsername(String username) {
        return username == null ? Optional.empty() : AdminEntity.findByUsername(username).map(this::toAdmin);
    }

    @Transactional
    public long count() {
        return AdminEntity.count();
    }

    private void checkPassword(String username, String password) {
        List<PolicyViolation> violations = check(username, password);
        if (!violations.isEmpty()) {
            throw new PasswordRefusedException(violations);
        }
    }

    private static void requireAnotherSuperAdmin(AdminEntity admin) {
        if (admin.role == AdminRole.SUPER_ADMIN && admin.enabled
                && AdminEntity.count("role = ?1 and enabled = true", AdminRole.SUPER_ADMIN) <= 1) {
            throw new ConflictException("the last enabled super admin cannot be disabled or deleted")
                    .withReason("ADMIN_LAST_SUPER");
        }
    }

    private static AdminEntity require(long id) {
        AdminEntity admin = AdminEntity.findById(id);
        if (admin == null) {
            throw new NotFoundException("no admin with id " + id);
        }
        return admin;
    }

    /** The ids given, all of existing domains; an unknown id is refused rather than kept for later. */
    private Set<Long> existingDomains(Collection<Long> domainIds) {
        Set<Long> wanted = new TreeSet<>(domainIds == null ? List.of() : domainIds);
        if (wanted.isEmpty()) {
            return wanted;
        }
        Map<Long, String> found = domainNames(wanted);
        if (found.size() != wanted.size()) {
            throw new ValidationException("a granted domain does not exist").withReason("DOMAIN_MISSING");
        }
        return wanted;
    }

    private Map<Long, String> domainNames(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Sql.run(dataSource, "read granted domains", c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, name from domain where id = any(?) order by name")) {
                Array array = c.createArrayOf("bigint", ids.toArray(Long[]::new));
                ps.setArray(1, array);
                Map<Long, String> names = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return names;
            }
        });
    }

    /** Keeps V50's by-name grant table equal to the grants, for a rollback to 0.1 (see V61). */
    private void syncLegacyGrants(AdminEntity admin) {
        Long[] ids = admin.domainIds.toArray(Long[]::new);
        Sql.execute(dataSource, "mirror admin grants", c -> {
            try (PreparedStatement del = c.prepareStatement("delete from console_admin_domain where admin_id = ?")) {
                del.setLong(1, admin.id);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("insert into console_admin_domain (admin_id, domain)"
                    + " select ?, name from domain where id = any(?)")) {
                ins.setLong(1, admin.id);
                ins.setArray(2, c.createArrayOf("bigint", ids));
                ins.executeUpdate();
            }
        });
    }

    private ConsoleAdmin toAdmin(AdminEntity e) {
        return new ConsoleAdmin(e.id, e.username, e.role, e.enabled, e.totpSecret != null, e.createdAt, e.lastLoginAt,
                domainNames(e.domainIds));
    }
}
