package io.buzon.console.overview;

import io.buzon.console.admin.Admin;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountFilter;
import io.buzon.store.account.AccountService;
import io.buzon.store.account.AccountSort;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dashboard's figures, limited to the domains the admin may see. */
@ApplicationScoped
public class Overview {

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

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

    public Figures figures(Admin admin) {
        List<Domain> visible = visibleDomains(admin);
        Map<String, Domain> byName = new HashMap<>();
        visible.forEach(d -> byName.put(d.name(), d));
        long accountCount = 0;
        long used = 0;
        long quota = 0;
        long messages = 0;
        boolean unlimited = false;
        for (String scope : admin.isSuperAdmin() ? java.util.Collections.<String>singletonList(null) : List.copyOf(byName.keySet())) {
            int index = 0;
            Page<Account> page;
            do {
                page = accounts.list(new AccountFilter(scope, null, null), AccountSort.byLogin(), new PageRequest(index++, PageRequest.MAX_SIZE));
                for (Account a : page.items()) {
                    accountCount++;
                    used += a.usedBytes();
                    messages += a.usedMessages();
                    Domain d = byName.get(a.domain());
                    Long q = a.quotaBytes() != null ? a.quotaBytes() : d == null ? null : d.defaultQuotaBytes();
                    if (q == null) {
                        unlimited = true;
                    } else {
                        quota += q;
                    }
                }
            } while (page.hasNext());
        }
        int sessions = (int) locks.listActive().stream().filter(s -> admin.mayManage(domainOf(s))).count();
        // The counter is not kept per domain, so a domain admin does not see the installation's traffic.
        long delivered = admin.isSuperAdmin()
                ? deliveryStats.last24Hours().stream().mapToLong(DeliveryCount::count).sum() : -1;
        return new Figures(visible.size(), accountCount, used, unlimited ? -1 : quota, messages, sessions,
                LoginChart.of(loginStats.last24Hours(), Instant.now()), delivered);
    }

    public List<Domain> visibleDomains(Admin admin) {
        return domains.list().stream().filter(d -> admin.mayManage(d.name())).toList();
    }

    static String domainOf(ActiveSession s) {
        int at = s.login().lastIndexOf('@');
        return at < 0 ? "" : s.login().substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
