package io.buzon.console.web;

import io.buzon.store.Secrets;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.SignInService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;


/** Admin login (password, then TOTP when the admin has it), logout and the language switch. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(String username, String next, String errorKey);

        static native TemplateInstance totp(String errorKey);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    SignInService signIn;

    @GET
    @Path("login")
    public Response loginPage(@RestQuery String next) {
        if (ctx.session() != null && !ctx.session().awaitingTotp()) {
            return Response.seeOther(UriBuilder.fromPath("/console").build()).build();
        }
        return loginForm(200, "", next, null);
    }

    @POST
    @Path("login")
    public Response login(@RestForm String username, @RestForm String password, @RestForm String next) {
        String name = username == null ? "" : username.trim();
        SignInService.Step step = signIn.admin(name, password, ctx.sourceAddress(), cookieValue());
        return switch (step.result()) {
            case THROTTLED -> loginForm(429, name, next, "login_throttled");
            case SIGNED_IN, SECOND_FACTOR -> Response.seeOther(UriBuilder.fromPath(
                            step.result() == SignInService.Result.SECOND_FACTOR ? "/console/login/totp" : safeNext(next)).build())
                    .cookie(Cookies.session(Cookies.ADMIN_SESSION, step.session().token(), ctx.secure()),
                            Cookies.expired(Cookies.PRE_LOGIN, ctx.secure()))
                    .build();
            default -> loginForm(401, name, next, "login_failed");
        };
    }

    @GET
    @Path("login/totp")
    public TemplateInstance totpPage() {
        return ctx.render(Templates.totp(null));
    }

    @POST
    @Path("login/totp")
    public Response totp(@RestForm String code) {
        SignInService.Step step = signIn.adminSecondFactor(cookieValue(), code, ctx.sourceAddress());
        return switch (step.result()) {
            case SIGNED_IN -> Response.seeOther(UriBuilder.fromPath("/console").build())
                    .cookie(Cookies.session(Cookies.ADMIN_SESSION, step.session().token(), ctx.secure()))
                    .build();
            case THROTTLED -> Response.status(429).entity(ctx.render(Templates.totp("login_throttled"))).build();
            case REPLAYED -> Response.status(401).entity(ctx.render(Templates.totp("login_totpReplayed"))).build();
            default -> Response.status(401).entity(ctx.render(Templates.totp("login_totpFailed"))).build();
        };
    }

    @POST
    @Path("logout")
    public Response logout() {
        signIn.signOut(cookieValue(), SessionKind.ADMIN, ctx.actor());
        return Response.seeOther(UriBuilder.fromPath("/console/login").build())
                .cookie(Cookies.expired(Cookies.ADMIN_SESSION, ctx.secure()))
                .build();
    }

    /** Switches the language for this browser and returns to the page it came from. */
    @GET
    @Path("lang")
    public Response language(@RestQuery String to, @RestQuery String back) {
        String lang = Languages.SUPPORTED.contains(to) ? to : "en";
        String target = back != null && (back.startsWith("/console") || back.startsWith("/me")) && !back.contains("//")
                ? back : "/console";
        return Response.seeOther(UriBuilder.fromUri(target).build()).cookie(Cookies.language(lang, ctx.secure())).build();
    }

    private Response loginForm(int status, String username, String next, String errorKey) {
        boolean newPreLoginToken = ctx.preLoginCsrf() == null || ctx.preLoginCsrf().isBlank();
        if (newPreLoginToken) {
            ctx.setPreLoginCsrf(Secrets.randomToken(24));
        }
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(ctx.render(Templates.login(username, next == null ? "" : next, errorKey)));
        if (newPreLoginToken) {
            response.cookie(Cookies.session(Cookies.PRE_LOGIN, ctx.preLoginCsrf(), ctx.secure()));
        }
        return response.build();
    }

    static String totpErrorKey(TwoFactorService.CodeCheck check) {
        return check == TwoFactorService.CodeCheck.REPLAYED ? "login_totpReplayed" : "login_totpFailed";
    }

    private String cookieValue() {
        return ctx.sessionCookie();
    }

    /** Only a path inside the console, so a crafted link cannot bounce a fresh login to another site. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/console") && !next.contains("//") && !next.contains("\\")) {
            return next;
        }
        return "/console";
    }
}
