package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.overview.Overview;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.retention.AccountPurge;
import io.buzon.store.retention.RetentionOverrides;
import io.buzon.store.retention.RetentionPreview;
import io.buzon.store.retention.RetentionReport;
import io.buzon.store.retention.RetentionRules;
import io.buzon.store.retention.RetentionService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Retention of mail left on the server: rules at global, domain and account level (blank = inherit),
 * a preview of what a purge would delete, a manual run and the history of runs. The daily run is
 * {@link io.buzon.store.retention.RetentionSchedule}. Preview and runs span every domain, so they are
 * for super admins; domain admins set their domains' and accounts' rules.
 */
@Path("/console/retention")
@Produces(MediaType.TEXT_HTML)
public class RetentionResource {

    /** A rule level's form: what it sets (blank = inherit). */
    public record RuleForm(String level, String key, String afterRetrieval, String olderThan, String loginDelay) {
        static RuleForm of(String level, String key, RetentionOverrides o) {
            return new RuleForm(level, key, s(o.deleteAfterRetrievalDays()), s(o.deleteOlderThanDays()), s(o.loginDelaySeconds()));
        }

        private static String s(Integer v) {
            return v == null ? "" : v.toString();
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance retention(RuleForm global, RuleForm domainRule, RuleForm accountRule,
                                                 List<Domain> domains, RetentionPreview preview, RetentionReport report,
                                                 List<RetentionReport> runs, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    RetentionRules rules;

    @Inject
    RetentionService retention;

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    Overview overview;


    @GET
    public TemplateInstance page(@RestQuery String domain, @RestQuery String account, @RestQuery String done) {
        return page(domain, account, null, null, Alerts.done(ctx.notice(done)));
    }

    @POST
    @Path("rule")
    public Response saveRule(@RestForm String level, @RestForm String key, @RestForm String afterRetrieval,
                             @RestForm String olderThan, @RestForm String loginDelay) {
        RetentionOverrides rule;
        try {
            rule = new RetentionOverrides(days(afterRetrieval), days(olderThan), days(loginDelay));
        } catch (ConsoleException e) {
            return Response.status(400).entity(page(null, null, null, null, Alerts.of(e))).build();
        }
        String back = "/console/retention";
        switch (level == null ? "" : level) {
            case "global" -> {
                ctx.requireSuperAdmin();
                rules.setGlobalRule(ctx.actor(), rule);
            }
            case "domain" -> {
                Domain d = domain(key);
                rules.setDomainRule(ctx.actor(), d.id(), rule);
                back += "?domain=" + d.name();
            }
            case "account" -> {
                Account a = account(key);
                rules.setAccountRule(ctx.actor(), a.id(), rule);
                back += "?account=" + a.login();
            }
            default -> throw new ConsoleException("error_badRequest");
        }
        return Redirects.to(back, "done_saved");
    }

    @POST
    @Path("preview")
    public TemplateInstance preview() {
        ctx.requireSuperAdmin();
        return page(null, null, retention.preview(), null, Alerts.none());
    }

    @POST
    @Path("run")
    public TemplateInstance run() {
        ctx.requireSuperAdmin();
        RetentionReport report = retention.purge(ctx.actor());
        return page(null, null, null, report, Alerts.done("done_retentionRun"));
    }

    private TemplateInstance page(String domain, String account, RetentionPreview preview, RetentionReport report, Alerts alerts) {
        List<Domain> visible = overview.visibleDomains(ctx.admin());
        RuleForm global = ctx.isSuperAdmin() ? RuleForm.of("global", "", rules.globalRule()) : null;
        RuleForm domainRule = null;
        if (domain != null && !domain.isBlank()) {
            Domain d = domain(domain);
            domainRule = RuleForm.of("domain", d.name(), rules.domainRule(d.id()));
        }
        RuleForm accountRule = null;
        if (account != null && !account.isBlank()) {
            Account a = account(account);
            accountRule = RuleForm.of("account", a.login(), rules.accountRule(a.id()));
        }
        RetentionPreview shownPreview = preview;
        if (preview != null && !ctx.isSuperAdmin()) {
            shownPreview = null;
        }
        List<RetentionReport> runs = ctx.isSuperAdmin() ? retention.runs(20) : List.of();
        return ctx.render(Templates.retention(global, domainRule, accountRule, visible, shownPreview, report, runs, alerts));
    }

    private Domain domain(String name) {
        Domain d = domains.find(name).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(d.name());
        return d;
    }

    private Account account(String login) {
        Account a = accounts.findByLogin(login).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(a.domain());
        return a;
    }

    private static Integer days(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(field.trim());
            if (v < 0) {
                throw new ConsoleException("error_retention_number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConsoleException("error_retention_number");
        }
    }

    static long total(List<AccountPurge> purges) {
        return purges.stream().mapToLong(AccountPurge::bytes).sum();
    }
}
