package io.buzon.console.admin;

import io.buzon.console.ConsoleConfig;
import io.buzon.store.Secrets;
import io.buzon.store.admin.AdminService;
import io.buzon.store.password.PasswordRefusedException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * On the first start of a console (no admin in the database yet) creates the super admin {@code admin}.
 * Its password is {@code buzon.admin-password} (the environment variable {@code BUZON_ADMIN_PASSWORD}) or,
 * when unset, a generated one printed to this console's log this one time. Only replicas that serve the
 * console do this: a mail-only replica never creates an admin, so a generated password never lands in a
 * mail pod's log and a configured one is never overtaken by a replica that lacks it. Concurrent first
 * starts create exactly one admin ({@link AdminService#bootstrap}).
 */
@ApplicationScoped
public class BootstrapAdmin {

    /** Accepted until the next minor release, with a warning: the name 0.1 read. */
    static final String OLD_KEY = "buzon.console.admin-password";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    AdminService admins;

    @Inject
    ConsoleConfig console;

    @ConfigProperty(name = "buzon.admin-password")
    Optional<String> adminPassword;


    void onStart(@Observes StartupEvent event) {
        if (!console.enabled()) {
            return;
        }
        String configured = configuredPassword().orElse(null);
        String password = configured != null ? configured : Secrets.randomToken(18);
        boolean created;
        try {
            created = admins.bootstrap(password);
        } catch (PasswordRefusedException e) {
            throw new IllegalStateException("Cannot create the console admin '" + AdminService.BOOTSTRAP_USERNAME
                    + "': BUZON_ADMIN_PASSWORD does not meet the password policy (" + e.violations().size()
                    + " objections, e.g. " + e.violations().get(0).message() + ")");
        }
        if (!created) {
            return;
        }
        if (configured != null) {
            LOG.infof("Created console admin '%s' with the password from BUZON_ADMIN_PASSWORD", AdminService.BOOTSTRAP_USERNAME);
        } else {
            LOG.warnf("Created console admin '%s' with generated password: %s  (shown only this once; change it under Profile,"
                    + " or set BUZON_ADMIN_PASSWORD before the first start)", AdminService.BOOTSTRAP_USERNAME, password);
        }
    }

    private Optional<String> configuredPassword() {
        Optional<String> current = adminPassword.filter(p -> !p.isBlank());
        if (current.isPresent()) {
            return current;
        }
        Optional<String> old = console.adminPassword().filter(p -> !p.isBlank());
        old.ifPresent(p -> LOG.warnf("%s (BUZON_CONSOLE_ADMIN_PASSWORD) is deprecated: set buzon.admin-password"
                + " (BUZON_ADMIN_PASSWORD) instead; the old name stops working in the next minor release", OLD_KEY));
        return old;
    }
}
