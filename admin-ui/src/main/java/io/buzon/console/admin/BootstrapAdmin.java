package io.buzon.console.admin;

import io.buzon.console.ConsoleConfig;
import io.buzon.console.Secrets;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * On the first start (no admin in the database) creates the super admin {@code admin}. Its password is
 * {@code buzon.console.admin-password} (BUZON_ADMIN_PASSWORD) or, when unset, a generated one printed to
 * the log this one time: later starts find the admin and print nothing.
 */
@ApplicationScoped
public class BootstrapAdmin {

    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    AdminDirectory admins;

    @Inject
    ConsoleConfig config;

    void onStart(@Observes StartupEvent event) {
        if (admins.count() > 0) {
            return;
        }
        String configured = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        String password = configured != null ? configured : Secrets.randomToken(15);
        try {
            admins.create(USERNAME, password, AdminRole.SUPER_ADMIN, List.of());
        } catch (RuntimeException raceOrInvalid) {
            // Another replica created it first, or the configured password is too short.
            if (admins.findByUsername(USERNAME).isEmpty()) {
                throw new IllegalStateException("Cannot create the bootstrap admin: BUZON_ADMIN_PASSWORD must have at least "
                        + AdminPasswords.MIN_LENGTH + " characters", raceOrInvalid);
            }
            return;
        }
        if (configured != null) {
            LOG.infof("Created console admin '%s' with the password from BUZON_ADMIN_PASSWORD", USERNAME);
        } else {
            LOG.warnf("Created console admin '%s' with generated password: %s  (shown only this once; change it under Profile)",
                    USERNAME, password);
        }
    }
}
