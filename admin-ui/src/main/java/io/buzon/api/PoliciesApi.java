package io.buzon.api;

import io.buzon.console.ConsoleException;
import io.buzon.console.web.ConsoleRequest;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordPolicy;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PolicyOverrides;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/** Password policy, global and per domain: the overrides stored at that level and the policy in force. */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Password policies")
@SecurityRequirement(name = "bearer")
public class PoliciesApi {

    /** Every rule; null = inherit from the level above. Lockout times in minutes. */
    public record Rules(Integer minLength, Integer maxLength, Integer minUppercase, Integer minLowercase, Integer minDigits,
                        Integer minSymbols, Integer minStrengthScore, Boolean rejectCommon, Boolean rejectLogin,
                        Integer historyCount, Integer maxAgeDays, Integer lockoutThreshold, Long lockoutWindowMinutes,
                        Long lockoutDurationMinutes,
                        @Schema(description = "Mail clients need app passwords; the self-service page makes users enrol TOTP")
                        Boolean requireTwoFactor) {

        static Rules of(PolicyOverrides o) {
            return new Rules(o.minLength(), o.maxLength(), o.minUppercase(), o.minLowercase(), o.minDigits(), o.minSymbols(),
                    o.minStrengthScore(), o.rejectCommon(), o.rejectLogin(), o.historyCount(), o.maxAgeDays(),
                    o.lockoutThreshold(), minutes(o.lockoutWindow()), minutes(o.lockoutDuration()), o.requireTwoFactor());
        }

        static Rules of(PasswordPolicy p) {
            return new Rules(p.minLength(), p.maxLength(), p.minUppercase(), p.minLowercase(), p.minDigits(), p.minSymbols(),
                    p.minStrengthScore(), p.rejectCommon(), p.rejectLogin(), p.historyCount(), p.maxAgeDays(),
                    p.lockoutThreshold(), minutes(p.lockoutWindow()), minutes(p.lockoutDuration()), p.requireTwoFactor());
        }

        PolicyOverrides toOverrides() {
            return new PolicyOverrides(minLength, maxLength, minUppercase, minLowercase, minDigits, minSymbols,
                    minStrengthScore, rejectCommon, rejectLogin, historyCount, maxAgeDays, lockoutThreshold,
                    duration(lockoutWindowMinutes), duration(lockoutDurationMinutes), requireTwoFactor);
        }

        private static Long minutes(Duration d) {
            return d == null ? null : d.toMinutes();
        }

        private static Duration duration(Long minutes) {
            return minutes == null ? null : Duration.ofMinutes(minutes);
        }
    }

    public record PolicyView(String scope, Rules overrides, Rules effective) {
    }

    @Inject
    PasswordPolicyService policies;

    @Inject
    DomainService domains;

    @Inject
    ConsoleRequest ctx;

    @GET
    @Path("global")
    @Operation(summary = "The global policy's overrides and the policy in force")
    public PolicyView global() {
        return new PolicyView("global", Rules.of(policies.globalOverrides()), Rules.of(policies.effectivePolicy(null)));
    }

    @PUT
    @Path("global")
    @Operation(summary = "Replace the global overrides (absent fields inherit from configuration); 400 when inconsistent")
    public PolicyView setGlobal(Rules rules) {
        try {
            policies.setGlobalOverrides(ctx.actor(), rules == null ? PolicyOverrides.NONE : rules.toOverrides());
        } catch (io.buzon.store.ValidationException e) {
            throw ConsoleException.fromStore(e);
        }
        return global();
    }

    @GET
    @Path("domains/{name}")
    @Operation(summary = "A domain's overrides and the policy in force for its accounts")
    public PolicyView domain(@PathParam("name") String name) {
        Domain d = load(name);
        return new PolicyView("domain:" + d.name(), Rules.of(policies.domainOverrides(d.id())), Rules.of(policies.effectivePolicy(d.id())));
    }

    @PUT
    @Path("domains/{name}")
    @Operation(summary = "Replace a domain's overrides (absent fields inherit from the global policy)")
    public PolicyView setDomain(@PathParam("name") String name, Rules rules) {
        Domain d = load(name);
        try {
            policies.setDomainOverrides(ctx.actor(), d.id(), rules == null ? PolicyOverrides.NONE : rules.toOverrides());
        } catch (io.buzon.store.ValidationException e) {
            throw ConsoleException.fromStore(e);
        }
        return domain(name);
    }

    @DELETE
    @Path("domains/{name}")
    @Operation(summary = "Remove a domain's overrides: it follows the global policy again")
    public PolicyView clearDomain(@PathParam("name") String name) {
        Domain d = load(name);
        policies.clearDomainOverrides(ctx.actor(), d.id());
        return domain(name);
    }

    private Domain load(String name) {
        return domains.find(name).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
    }
}
