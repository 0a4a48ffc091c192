package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.console.web.Formats;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.account.AccountTotals;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dashboard and domain-deletion figures come from one aggregate query; exact counts and sums. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AccountTotalsTest {

    private static final long MIB = 1024L * 1024L;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    AccountTotals totals;

    @Inject
    TestAdmins admins;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private long deliver(Account a, String body) throws Exception {
        StagedContent staged = delivery.stage(new ByteArrayInputStream(("Message-ID: <" + UUID.randomUUID()
                + "@t>\r\nSubject: totals\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8)));
        try {
            return delivery.deliver(a.id(), staged, null, null, null).size();
        } finally {
            delivery.release(staged);
        }
    }

    @Test
    void countsAndSumsOverDomainsAndOnThePages() throws Exception {
        Domain quoted = domains.create(Actor.system("test"), unique("tot"), 10 * MIB, null);
        Domain open = domains.create(Actor.system("test"), unique("tot-open"), null, null);
        Account own = accounts.create(Actor.system("test"), "own@" + quoted.name(), null);
        accounts.setQuota(Actor.system("test"), own.id(), 5 * MIB, null);
        Account inherits = accounts.create(Actor.system("test"), "inherits@" + quoted.name(), null);
        Account unlimited = accounts.create(Actor.system("test"), "free@" + open.name(), null);
        long bytes = deliver(own, "one") + deliver(own, "two, a little longer") + deliver(inherits, "three");
        long openBytes = deliver(unlimited, "four");

        assertEquals(new AccountTotals.Totals(2, bytes, 3, 15 * MIB, false), totals.of(List.of(quoted.name())));
        assertEquals(new AccountTotals.Totals(2, bytes, 3, 15 * MIB, false),
                totals.of(List.of(quoted.name().toUpperCase())), "domain names match case-insensitively");
        assertEquals(new AccountTotals.Totals(3, bytes + openBytes, 4, 15 * MIB, true),
                totals.of(List.of(quoted.name(), open.name())));
        assertEquals(new AccountTotals.Totals(0, 0, 0, 0, false), totals.of(List.of("nothing-here.test")));
        AccountTotals.Totals all = totals.of(null);
        assertEquals(accounts.list(new io.buzon.store.account.AccountFilter(null, null, null),
                io.buzon.store.account.AccountSort.byLogin(), io.buzon.store.PageRequest.first(1)).total(), all.accounts());

        // A domain admin's dashboard covers exactly their domain.
        String name = "tot" + UUID.randomUUID().toString().substring(0, 6);
        admins.create(name, "totals-admin-pass", AdminRole.DOMAIN_ADMIN, List.of(quoted.name()));
        ConsoleClient c = ConsoleClient.loggedIn(name, "totals-admin-pass");
        c.get("/console").then().statusCode(200)
                .body(containsString("id=\"stat-domains\">1<"))
                .body(containsString("id=\"stat-accounts\">2<"))
                .body(containsString("id=\"stat-messages\">3<"))
                .body(containsString("<strong>" + Formats.bytes(bytes) + "</strong> used of 15.0 MiB"));

        // The deletion confirmation (super admins only): exact figures, the first 20 logins and a mark that there are more.
        for (int i = 0; i < 21; i++) {
            accounts.create(Actor.system("test"), String.format("extra%02d@%s", i, quoted.name()), null);
        }
        ConsoleClient superAdmin = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        superAdmin.get("/console/domains/" + quoted.id()).then().statusCode(200)
                .body(containsString("This deletes 23 accounts with 3 messages (" + Formats.bytes(bytes) + ")."))
                .body(containsString("<li>extra17@" + quoted.name() + "</li>"))
                .body(org.hamcrest.Matchers.not(containsString("<li>own@" + quoted.name() + "</li>")))
                .body(containsString("<li>…</li>"));
    }
}
