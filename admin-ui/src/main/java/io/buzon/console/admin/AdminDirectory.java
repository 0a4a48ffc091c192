package io.buzon.console.admin;

import io.buzon.console.ConsoleException;
import io.buzon.store.auth.AuthConfig;
import io.buzon.store.auth.TwoFactorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creating, checking and changing console administrators. */
@ApplicationScoped
public class AdminDirectory {

    @Inject
    AuthConfig authConfig;

    Clock clock = Clock.systemUTC();

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    /** The admin whose name and password match, or empty; costs one argon2 hash either way. */
    @Transactional
    public Optional<Admin> authenticate(String username, String password) {
        Optional<Admin> admin = username == null || username.isBlank()
                ? Optional.empty() : Admin.findByUsername(username.trim());
        boolean matches = AdminPasswords.matches(password, admin.map(a -> a.passwordHash).orElse(null));
        if (!matches || admin.isEmpty() || !admin.get().enabled) {
            return Optional.empty();
        }
        return admin;
    }

    @Transactional
    public void recordLogin(long adminId) {
        Admin admin = Admin.findById(adminId);
        if (admin != null) {
            admin.lastLoginAt = OffsetDateTime.now();
        }
    }

    @Transactional
    public Admin create(String username, String password, AdminRole role, Collection<String> domains) {
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            throw new ConsoleException("error_admin_username");
        }
        if (Admin.findByUsername(name).isPresent()) {
            throw new ConsoleException("error_admin_exists");
        }
        checkPassword(password);
        Admin admin = new Admin();
        admin.username = name;
        admin.passwordHash = AdminPasswords.hash(password);
        admin.role = role;
        admin.domains = normalise(role == AdminRole.DOMAIN_ADMIN ? domains : List.of());
        admin.persist();
        return admin;
    }

    @Transactional
    public void setDomains(long adminId, Collection<String> domains) {
        Admin admin = require(adminId);
        admin.domains.clear();
        admin.domains.addAll(normalise(domains));
    }

    @Transactional
    public void setEnabled(long adminId, boolean enabled) {
        require(adminId).enabled = enabled;
    }

    @Transactional
    public void changePassword(long adminId, String currentPassword, String newPassword) {
        Admin admin = require(adminId);
        if (!AdminPasswords.matches(currentPassword, admin.passwordHash)) {
            throw new ConsoleException("error_password_current");
        }
        checkPassword(newPassword);
        admin.passwordHash = AdminPasswords.hash(newPassword);
    }

    /**
     * Turns TOTP on with {@code secret} when {@code code} is valid for it now, using up that code's step.
     *
     * @return false (nothing stored) when the code is wrong
     */
    @Transactional
    public boolean enableTotp(long adminId, String secret, String code) {
        long step = io.buzon.store.auth.Totp.matchingStep(secret, code, clock.instant(), authConfig.totp().allowedDrift());
        if (step < 0) {
            return false;
        }
        Admin admin = require(adminId);
        admin.totpSecret = secret;
        admin.totpLastStep = step;
        return true;
    }

    @Transactional
    public void disableTotp(long adminId) {
        Admin admin = require(adminId);
        admin.totpSecret = null;
        admin.totpLastStep = null;
    }

    /**
     * Checks an admin's TOTP code: ±{@code buzon.auth.totp.allowed-drift} steps, never a step at or before
     * the last accepted one. One conditional update, so two replicas cannot both accept the same code.
     */
    @Transactional
    public TwoFactorService.CodeCheck checkTotp(long adminId, String code) {
        Admin admin = Admin.findById(adminId);
        if (admin == null || admin.totpSecret == null) {
            return TwoFactorService.CodeCheck.WRONG;
        }
        long step = io.buzon.store.auth.Totp.matchingStep(admin.totpSecret, code, clock.instant(), authConfig.totp().allowedDrift());
        if (step < 0) {
            return TwoFactorService.CodeCheck.WRONG;
        }
        int updated = Admin.update("totpLastStep = ?1 where id = ?2 and (totpLastStep is null or totpLastStep < ?1)",
                step, adminId);
        return updated == 1 ? TwoFactorService.CodeCheck.ACCEPTED : TwoFactorService.CodeCheck.REPLAYED;
    }

    @Transactional
    public void delete(long adminId) {
        Admin admin = require(adminId);
        if (admin.isSuperAdmin() && Admin.count("role = ?1 and enabled = true", AdminRole.SUPER_ADMIN) <= 1) {
            throw new ConsoleException("error_admin_lastSuper");
        }
        admin.delete();
    }

    @Transactional
    public List<Admin> list() {
        return Admin.list("order by lower(username)");
    }

    @Transactional
    public Optional<Admin> find(long id) {
        return Admin.findByIdOptional(id);
    }

    @Transactional
    public Optional<Admin> findByUsername(String username) {
        return Admin.findByUsername(username);
    }

    @Transactional
    public long count() {
        return Admin.count();
    }

    private static Admin require(long id) {
        Admin admin = Admin.findById(id);
        if (admin == null) {
            throw new ConsoleException("error_notFound");
        }
        return admin;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < AdminPasswords.MIN_LENGTH) {
            throw new ConsoleException("error_admin_passwordLength");
        }
    }

    private static TreeSet<String> normalise(Collection<String> domains) {
        TreeSet<String> out = new TreeSet<>();
        if (domains != null) {
            for (String d : domains) {
                if (d != null && !d.isBlank()) {
                    out.add(d.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
