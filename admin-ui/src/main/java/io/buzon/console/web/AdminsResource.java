package io.buzon.console.web;

import io.buzon.console.ConsoleException;
import io.buzon.console.admin.Admin;
import io.buzon.console.admin.AdminDirectory;
import io.buzon.console.admin.AdminRole;
import io.buzon.console.audit.Audit;
import io.buzon.console.session.SessionKind;
import io.buzon.console.session.WebSessions;
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

import java.util.Arrays;
import java.util.List;

/** Super admins manage console administrators: create, assign domains, disable, remove. */
@Path("/console/admins")
@Produces(MediaType.TEXT_HTML)
public class AdminsResource {

    /** What the create form held, so a refused submission comes back filled in. */
    public record AdminForm(String username, String role, String domains) {
        static AdminForm empty() {
            return new AdminForm("", "DOMAIN_ADMIN", "");
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance admins(List<Admin> admins, AdminForm form, String notice, String errorKey);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AdminDirectory admins;

    @Inject
    WebSessions sessions;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list(@RestQuery String done) {
        ctx.requireSuperAdmin();
        return ctx.render(Templates.admins(admins.list(), AdminForm.empty(), ctx.notice(done), null));
    }

    @POST
    public Response create(@RestForm String username, @RestForm String password, @RestForm String role, @RestForm String domains) {
        ctx.requireSuperAdmin();
        AdminRole r = "SUPER_ADMIN".equals(role) ? AdminRole.SUPER_ADMIN : AdminRole.DOMAIN_ADMIN;
        try {
            Admin created = admins.create(username, password, r, splitDomains(domains));
            audit.record("admin.create", "admin:" + created.username, "role=" + r + " domains=" + created.domains);
        } catch (ConsoleException e) {
            return Response.status(400).entity(ctx.render(Templates.admins(admins.list(),
                    new AdminForm(username, r.name(), domains), null, e.messageKey()))).build();
        }
        return Redirects.to("/console/admins", "done_adminCreated");
    }

    @POST
    @Path("{id}/domains")
    public Response domains(@PathParam("id") long id, @RestForm String domains) {
        ctx.requireSuperAdmin();
        Admin a = admins.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        admins.setDomains(id, splitDomains(domains));
        audit.record("admin.domains", "admin:" + a.username, "domains=" + splitDomains(domains));
        return Redirects.to("/console/admins", "done_saved");
    }

    @POST
    @Path("{id}/enabled")
    public Response enabled(@PathParam("id") long id, @RestForm boolean enabled) {
        ctx.requireSuperAdmin();
        Admin a = admins.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        if (a.id.equals(ctx.admin().id)) {
            throw new ConsoleException("error_admin_self");
        }
        admins.setEnabled(id, enabled);
        if (!enabled) {
            sessions.closeAll(SessionKind.ADMIN, a.username);
        }
        audit.record(enabled ? "admin.enable" : "admin.disable", "admin:" + a.username, null);
        return Redirects.to("/console/admins", "done_saved");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id) {
        ctx.requireSuperAdmin();
        Admin a = admins.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        if (a.id.equals(ctx.admin().id)) {
            throw new ConsoleException("error_admin_self");
        }
        admins.delete(id);
        sessions.closeAll(SessionKind.ADMIN, a.username);
        audit.record("admin.delete", "admin:" + a.username, null);
        return Redirects.to("/console/admins", "done_deleted");
    }

    static List<String> splitDomains(String domains) {
        if (domains == null || domains.isBlank()) {
            return List.of();
        }
        return Arrays.stream(domains.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
