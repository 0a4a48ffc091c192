package io.buzon.console.web;

import io.buzon.api.ApiToken;
import io.buzon.api.ApiTokens;
import io.buzon.console.ConsoleException;
import io.buzon.console.audit.Audit;
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

import java.util.List;

/** API tokens for /api/v1: created here by super admins, shown once, revocable. */
@Path("/console/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokensResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance tokens(List<ApiToken> tokens, String newToken, String notice, String errorKey);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    ApiTokens tokens;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list(@RestQuery String done) {
        ctx.requireSuperAdmin();
        return ctx.render(Templates.tokens(tokens.list(), null, ctx.notice(done), null));
    }

    /** Renders the list with the new token shown once (not a redirect: the value must not travel in a URL). */
    @POST
    public Response create(@RestForm String name) {
        ctx.requireSuperAdmin();
        try {
            ApiTokens.Issued issued = tokens.issue(name, ctx.admin().username);
            audit.record("api.token.create", "token:" + issued.row().name, "prefix=" + issued.row().tokenPrefix);
            return Response.ok(ctx.render(Templates.tokens(tokens.list(), issued.token(), "done_tokenCreated", null))).build();
        } catch (ConsoleException e) {
            return Response.status(400).entity(ctx.render(Templates.tokens(tokens.list(), null, null, e.messageKey()))).build();
        }
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") long id) {
        ctx.requireSuperAdmin();
        ApiToken t = tokens.revoke(id);
        audit.record("api.token.revoke", "token:" + t.name, "prefix=" + t.tokenPrefix);
        return Redirects.to("/console/tokens", "done_tokenRevoked");
    }
}
