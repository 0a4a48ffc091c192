package io.buzon.console;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.Actor;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.job.ClusterJobs;
import io.buzon.store.password.PasswordService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A newcomer's first run (BuzonMain started the embedded PostgreSQL and set
 * {@code buzon.embedded-database.active=true}): seeds domain {@code example.test} with the account
 * {@code demo@example.test}, a known password and a welcome message, once (recorded in
 * {@code console_once}), and prints where the console is and how to sign in.
 */
@ApplicationScoped
public class DemoData {

    public static final String DOMAIN = "example.test";
    public static final String LOGIN = "demo@example.test";
    public static final String PASSWORD = "Sunny-Harbor-Letters-7";
    static final String ONCE = "demo-seed";
    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    @Inject
    DeliveryService delivery;

    @Inject
    ClusterJobs jobs;

    @Inject
    ConsoleConfig console;

    @ConfigProperty(name = "buzon.embedded-database.active", defaultValue = "false")
    boolean embedded;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    /** After the bootstrap admin (default priority) so the banner comes last. */
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (!embedded) {
            return;
        }
        if (jobs.claimOnce(ONCE)) {
            seed();
            LOG.infof("Seeded demo data: domain %s, account %s with a welcome message", DOMAIN, LOGIN);
        }
        if (console.enabled()) {
            LOG.infof("Buzón console: http://localhost:%d/console (user 'admin'; password from BUZON_ADMIN_PASSWORD or the line"
                    + " printed at first start). Demo mailbox: %s / %s (self-service: http://localhost:%d/me)",
                    httpPort, LOGIN, PASSWORD, httpPort);
        }
    }

    void seed() {
        Actor seed = Actor.system(ONCE);
        if (domains.find(DOMAIN).isEmpty()) {
            domains.create(seed, DOMAIN, 100L * 1024 * 1024, null);
        }
        Account demo = accounts.findByLogin(LOGIN).orElseGet(() -> accounts.create(seed, LOGIN, "Demo User"));
        PasswordChangeResult set = passwords.setPassword(seed, demo.id(), PASSWORD);
        if (!set.accepted()) {
            LOG.warnf("The demo password does not meet the configured policy (%s); set one in the console", set.violations());
        }
        try {
            delivery.deliverOne(demo.id(), new ByteArrayInputStream(welcome().getBytes(StandardCharsets.UTF_8)), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String welcome() {
        return "From: Buzón <postmaster@example.test>\r\n"
                + "To: Demo User <" + LOGIN + ">\r\n"
                + "Subject: Welcome to Buzón\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "Message-ID: <welcome@example.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "\r\n"
                + "this message was delivered to your demo mailbox when Buzón started for the first time.\r\n"
                + "Fetch it with any POP3 client (user " + LOGIN + ", port 1110 or 1995 with TLS),\r\n"
                + "and manage the platform at http://localhost:8080/console.\r\n";
    }
}
