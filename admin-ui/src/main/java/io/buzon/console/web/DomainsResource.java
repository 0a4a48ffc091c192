package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.Quotas;
import io.buzon.console.overview.Overview;
import io.buzon.store.PageRequest;
import io.buzon.store.StoreException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountFilter;
import io.buzon.store.account.AccountService;
import io.buzon.store.account.AccountSort;
import io.buzon.store.account.AccountTotals;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.List;

/** Mail domains: list, create (super admins), default quotas, enable/disable, delete with a full account of what goes. */
@Path("/console/domains")
@Produces(MediaType.TEXT_HTML)
public class DomainsResource {

    /** A domain row: the domain and how many accounts it has. */
    public record DomainRow(Domain domain, long accounts, String quotaMib, String quotaMessages) {
    }

    /** What deleting a domain removes. */
    public record Removal(long accounts, long messages, long bytes, List<String> logins, boolean more) {
    }

    public record DomainForm(String name, String quotaMib, String quotaMessages) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance domains(List<DomainRow> domains, DomainForm form, Alerts alerts);

        static native TemplateInstance domain(DomainRow row, Removal removal, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    Overview overview;

    @Inject
    AccountTotals totals;


    @GET
    public TemplateInstance list(@RestQuery String done) {
        return ctx.render(Templates.domains(rows(), new DomainForm("", "", ""), Alerts.done(ctx.notice(done))));
    }

    @POST
    public Response create(@RestForm String name, @RestForm String quotaMib, @RestForm String quotaMessages) {
        ctx.requireSuperAdmin();
        try {
            Domain d = domains.create(ctx.actor(), name, Quotas.mibToBytes(quotaMib), Quotas.messages(quotaMessages));
            return Redirects.to("/console/domains/" + d.id(), "done_domainCreated");
        } catch (ConsoleException e) {
            return refusedList(e, name, quotaMib, quotaMessages);
        } catch (StoreException e) {
            return refusedList(ConsoleException.fromStore(e), name, quotaMib, quotaMessages);
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") long id, @RestQuery String done) {
        Domain d = load(id);
        return ctx.render(Templates.domain(row(d), removal(d), Alerts.done(ctx.notice(done))));
    }

    @POST
    @Path("{id}/quota")
    public Response quota(@PathParam("id") long id, @RestForm String quotaMib, @RestForm String quotaMessages) {
        Domain d = load(id);
        try {
            Domain updated = domains.setDefaultQuota(ctx.actor(), id, Quotas.mibToBytes(quotaMib), Quotas.messages(quotaMessages));
        } catch (ConsoleException e) {
            return Response.status(e.status()).entity(ctx.render(Templates.domain(row(d), removal(d), Alerts.of(e)))).build();
        }
        return Redirects.to("/console/domains/" + id, "done_saved");
    }

    @POST
    @Path("{id}/enabled")
    public Response enabled(@PathParam("id") long id, @RestForm boolean enabled) {
        ctx.requireSuperAdmin();
        Domain d = load(id);
        domains.setEnabled(ctx.actor(), id, enabled);
        return Redirects.to("/console/domains/" + id, "done_saved");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id, @RestForm String confirmName) {
        ctx.requireSuperAdmin();
        Domain d = load(id);
        if (confirmName == null || !confirmName.trim().equalsIgnoreCase(d.name())) {
            return Response.status(400).entity(ctx.render(Templates.domain(row(d), removal(d), Alerts.error("error_domain_confirm")))).build();
        }
        Removal r = removal(d);
        int deleted = domains.delete(ctx.actor(), id);
        return Redirects.to("/console/domains", "done_deleted");
    }

    private Response refusedList(ConsoleException e, String name, String quotaMib, String quotaMessages) {
        return Response.status(e.status()).entity(ctx.render(Templates.domains(rows(),
                new DomainForm(name, quotaMib, quotaMessages), Alerts.of(e)))).build();
    }

    private Domain load(long id) {
        Domain d = domains.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(d.name());
        return d;
    }

    private List<DomainRow> rows() {
        List<DomainRow> rows = new ArrayList<>();
        for (Domain d : overview.visibleDomains(ctx.admin())) {
            rows.add(row(d));
        }
        return rows;
    }

    private DomainRow row(Domain d) {
        long count = accounts.list(new AccountFilter(d.name(), null, null), AccountSort.byLogin(), PageRequest.first(1)).total();
        return new DomainRow(d, count, Quotas.bytesToMib(d.defaultQuotaBytes()),
                d.defaultQuotaMessages() == null ? "" : d.defaultQuotaMessages().toString());
    }

    /** Totals from one aggregate query; only the first 20 logins are listed. */
    private Removal removal(Domain d) {
        AccountTotals.Totals t = totals.of(List.of(d.name()));
        List<String> logins = accounts.list(new AccountFilter(d.name(), null, null), AccountSort.byLogin(),
                new PageRequest(0, 20)).items().stream().map(Account::login).toList();
        return new Removal(t.accounts(), t.usedMessages(), t.usedBytes(), logins, t.accounts() > logins.size());
    }

    private static String quotaDetail(Domain d) {
        return "defaultQuotaBytes=" + d.defaultQuotaBytes() + " defaultQuotaMessages=" + d.defaultQuotaMessages();
    }
}
