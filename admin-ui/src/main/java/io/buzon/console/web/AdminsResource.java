package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.accounts.PolicyText;
import io.buzon.store.StoreException;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.admin.AdminService;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import io.buzon.store.password.PasswordRefusedException;
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
import java.util.Arrays;
import java.util.List;

/** Super admins manage console administrators: create, assign domains, disable, remove. */
@Path("/console/admins")
@Produces(MediaType.TEXT_HTML)
public class AdminsResource {

    /** What the create form held, so a refused submission comes back filled in. */
    public record AdminForm(String username, String role, String domains, List<String> reasons) {
        static AdminForm empty() {
            return new AdminForm("", "DOMAIN_ADMIN", "", List.of());
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance admins(List<ConsoleAdmin> admins, AdminForm form, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AdminService admins;

    @Inject
    DomainService domains;

    @GET
    public TemplateInstance list(@RestQuery String done) {
        ctx.requireSuperAdmin();
        return ctx.render(Templates.admins(admins.list(), AdminForm.empty(), Alerts.done(ctx.notice(done))));
    }

    @POST
    public Response create(@RestForm String username, @RestForm String password, @RestForm String role,
                           @RestForm String domains) {
        ctx.requireSuperAdmin();
        AdminForm form = new AdminForm(username, role, domains, List.of());
        try {
            admins.create(ctx.actor(), username, password, role(role), domainIds(domains));
        } catch (PasswordRefusedException e) {
            return refused(new AdminForm(username, role, domains, PolicyText.of(e.violations(), ctx.locale())),
                    Alerts.error("error_password_policy"));
        } catch (ConsoleException e) {
            return refused(form, Alerts.of(e));
        } catch (StoreException e) {
            return refused(form, Alerts.of(ConsoleException.fromStore(e)));
        }
        return Redirects.to("/console/admins", "done_adminCreated");
    }

    @POST
    @Path("{id}/domains")
    public Response domains(@PathParam("id") long id, @RestForm String domains) {
        ctx.requireSuperAdmin();
        try {
            admins.setDomains(ctx.actor(), id, domainIds(domains));
        } catch (ConsoleException e) {
            return refused(AdminForm.empty(), Alerts.of(e));
        } catch (StoreException e) {
            return refused(AdminForm.empty(), Alerts.of(ConsoleException.fromStore(e)));
        }
        return Redirects.to("/console/admins", "done_saved");
    }

    @POST
    @Path("{id}/enabled")
    public Response enabled(@PathParam("id") long id, @RestForm boolean enabled) {
        ctx.requireSuperAdmin();
        notSelf(id);
        admins.setEnabled(ctx.actor(), id, enabled);
        return Redirects.to("/console/admins", "done_saved");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id) {
        ctx.requireSuperAdmin();
        notSelf(id);
        admins.delete(ctx.actor(), id);
        return Redirects.to("/console/admins", "done_deleted");
    }

    private void notSelf(long id) {
        if (id == ctx.admin().id()) {
            throw new ConsoleException("error_admin_self");
        }
    }

    private Response refused(AdminForm form, Alerts alerts) {
        return Response.status(400).entity(ctx.render(Templates.admins(admins.list(), form, alerts))).build();
    }

    /** Only the two roles the form offers; anything else (a crafted {@code role=ROOT}) is refused. */
    static AdminRole role(String role) {
        if ("SUPER_ADMIN".equals(role)) {
            return AdminRole.SUPER_ADMIN;
        }
        if ("DOMAIN_ADMIN".equals(role)) {
            return AdminRole.DOMAIN_ADMIN;
        }
        throw new ConsoleException("error_admin_role");
    }

    /** The ids of the named domains; a name that is not a domain is refused, never kept for later. */
    private List<Long> domainIds(String names) {
        List<Long> ids = new ArrayList<>();
        for (String name : splitDomains(names)) {
            Domain d = domains.find(name).orElseThrow(() -> new ConsoleException("error_admin_unknownDomain", name));
            ids.add(d.id());
        }
        return ids;
    }

    static List<String> splitDomains(String domains) {
        if (domains == null || domains.isBlank()) {
            return List.of();
        }
        return Arrays.stream(domains.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
