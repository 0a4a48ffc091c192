package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.store.StoreException;
import io.buzon.store.apitoken.ApiToken;
import io.buzon.store.apitoken.ApiTokenService;
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
        static native TemplateInstance tokens(List<ApiToken> tokens, String newToken, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    ApiTokenService tokens;

    @GET
    public TemplateInstance list(@RestQuery String done) {
        ctx.requireSuperAdmin();
        return ctx.render(Templates.tokens(tokens.list(), null, Alerts.done(ctx.notice(done))));
    }

    /** Renders the list with the new token shown once (not a redirect: the value must not travel in a URL). */
    @POST
    public Response create(@RestForm String name) {
        ctx.requireSuperAdmin();
        try {
            ApiTokenService.Issued issued = tokens.issue(ctx.actor(), name);
            return Response.ok(ctx.render(Templates.tokens(tokens.list(), issued.token(), Alerts.done("done_tokenCreated"))))
                    .build();
        } catch (StoreException e) {
            return Response.status(400).entity(ctx.render(Templates.tokens(tokens.list(), null,
                    Alerts.of(ConsoleException.fromStore(e))))).build();
        }
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") long id) {
        ctx.requireSuperAdmin();
        tokens.revoke(ctx.actor(), id);
        return Redirects.to("/console/tokens", "done_tokenRevoked");
    }
}
