package io.buzon.console.overview;

import io.buzon.store.account.AccountTotals;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.lock.ActiveSession;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.stats.DeliveryCount;
import io.buzon.store.stats.DeliveryStats;
import io.buzon.store.stats.LoginStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The dashboard's figures, limited to the domains the admin may see. */
@ApplicationScoped
public class Overview {

    @Inject
    DomainService domains;

    @Inject
    AccountTotals totals;

    @Inject
    MaildropLockService locks;

    @Inject
    LoginStats loginStats;

    @Inject
    DeliveryStats deliveryStats;

    /**
     * @param quotaBytes sum of effective byte quotas, or -1 when at least one account is unlimited
     * @param delivered  messages delivered over the last 24 hours, installation-wide (super admins only, else -1)
     */
    public record Figures(int domains, long accounts, long usedBytes, long quotaBytes, long storedMessages,
                          int openSessions, LoginChart logins, long delivered) {

        public boolean unlimited() {
            return quotaBytes < 0;
        }
    }

    public Figures figures(ConsoleAdmin admin) {
        List<Domain> visible = visibleDomains(admin);
        AccountTotals.Totals t = totals.of(admin.isSuperAdmin() ? null : visible.stream().map(Domain::name).toList());
        int sessions = (int) locks.listActive().stream().filter(s -> admin.mayManage(domainOf(s))).count();
        // The counter is not kept per domain, so a domain admin does not see the installation's traffic.
        long delivered = admin.isSuperAdmin()
                ? deliveryStats.last24Hours().stream().mapToLong(DeliveryCount::count).sum() : -1;
        return new Figures(visible.size(), t.accounts(), t.usedBytes(), t.unlimited() ? -1 : t.quotaBytes(),
                t.usedMessages(), sessions,
                LoginChart.of(loginStats.last24Hours(), Instant.now()), delivered);
    }

    public List<Domain> visibleDomains(ConsoleAdmin admin) {
        return domains.list().stream().filter(d -> admin.mayManage(d.name())).toList();
    }

    static String domainOf(ActiveSession s) {
        int at = s.login().lastIndexOf('@');
        return at < 0 ? "" : s.login().substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
