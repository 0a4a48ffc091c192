package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.accounts.PolicyText;
import io.buzon.console.overview.Overview;
import io.buzon.console.policy.PolicyForm;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordPolicy;
import io.buzon.store.password.PasswordPolicyChecker;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PolicyConsistencyException;
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
 * Password policy, global (super admins) and per domain (its admins): every rule of the store's policy
 * engine, blank fields inheriting from the level above, plus a box that tests a password against the
 * policy in force without storing anything.
 */
@Path("/console/policy")
@Produces(MediaType.TEXT_HTML)
public class PolicyResource {

    /** A password test's outcome: the reasons (empty = accepted) and zxcvbn's score 0..4. */
    public record TestResult(List<String> reasons, int strength) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance policy(String domain, List<Domain> domains, PasswordPolicy effective,
                                              PolicyForm form, TestResult test, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    DomainService domains;

    @Inject
    PasswordPolicyService policies;

    @Inject
    PasswordPolicyChecker checker;

    @Inject
    Overview overview;

    @GET
    public TemplateInstance page(@RestQuery String domain, @RestQuery String done) {
        Scope scope = scope(domain);
        return page(scope, null, null, Alerts.done(ctx.notice(done)));
    }

    @POST
    public Response save(@RestForm String domain, @RestForm String minLength, @RestForm String maxLength,
                         @RestForm String minUppercase, @RestForm String minLowercase, @RestForm String minDigits,
                         @RestForm String minSymbols, @RestForm String minStrengthScore, @RestForm String rejectCommon,
                         @RestForm String rejectLogin, @RestForm String historyCount, @RestForm String maxAgeDays,
                         @RestForm String lockoutThreshold, @RestForm String lockoutWindowMinutes,
                         @RestForm String lockoutDurationMinutes, @RestForm String requireTwoFactor) {
        Scope scope = scope(domain);
        PolicyForm form = new PolicyForm(minLength, maxLength, minUppercase, minLowercase, minDigits, minSymbols,
                minStrengthScore, rejectCommon, rejectLogin, historyCount, maxAgeDays, lockoutThreshold,
                lockoutWindowMinutes, lockoutDurationMinutes, requireTwoFactor);
        try {
            if (scope.domain == null) {
                policies.setGlobalOverrides(ctx.actor(), form.toOverrides());
            } else {
                policies.setDomainOverrides(ctx.actor(), scope.domain.id(), form.toOverrides());
            }
        } catch (ConsoleException e) {
            return Response.status(400).entity(page(scope, form, null, Alerts.of(e))).build();
        } catch (PolicyConsistencyException e) {
            return Response.status(400).entity(page(scope, form, null,
                    Alerts.refused("error_policy_inconsistent", e.reason(), e.getMessage()))).build();
        }
        return Redirects.to(link(scope), "done_saved");
    }

    @POST
    @Path("clear")
    public Response clear(@RestForm String domain) {
        Scope scope = scope(domain);
        if (scope.domain == null) {
            throw new ConsoleException("error_badRequest");
        }
        policies.clearDomainOverrides(ctx.actor(), scope.domain.id());
        return Redirects.to(link(scope), "done_saved");
    }

    /** Tests a password against the policy in force here; nothing is stored or logged. */
    @POST
    @Path("test")
    public TemplateInstance test(@RestForm String domain, @RestForm String login, @RestForm String password) {
        Scope scope = scope(domain);
        PasswordPolicy effective = policies.effectivePolicy(scope.domain == null ? null : scope.domain.id());
        String who = login == null || login.isBlank() ? "user@" + (scope.domain == null ? "example.org" : scope.domain.name()) : login;
        String candidate = password == null ? "" : password;
        TestResult result = new TestResult(PolicyText.of(checker.check(effective, candidate, who), ctx.locale()),
                checker.strength(candidate, who));
        return page(scope, null, result, Alerts.none());
    }

    private record Scope(Domain domain) {
    }

    private Scope scope(String domain) {
        if (domain == null || domain.isBlank()) {
            ctx.requireSuperAdmin();
            return new Scope(null);
        }
        Domain d = domains.find(domain).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(d.name());
        return new Scope(d);
    }

    private TemplateInstance page(Scope scope, PolicyForm form, TestResult test, Alerts alerts) {
        Long domainId = scope.domain == null ? null : scope.domain.id();
        PolicyForm shown = form != null ? form
                : PolicyForm.of(domainId == null ? policies.globalOverrides() : policies.domainOverrides(domainId));
        return ctx.render(Templates.policy(scope.domain == null ? "" : scope.domain.name(),
                overview.visibleDomains(ctx.admin()), policies.effectivePolicy(domainId), shown, test, alerts));
    }

    private static String link(Scope scope) {
        return scope.domain == null ? "/console/policy" : "/console/policy?domain=" + scope.domain.name();
    }
}
