package io.buzon.console.web;

import io.buzon.console.Secrets;
import io.buzon.console.admin.Admin;
import io.buzon.console.admin.AdminDirectory;
import io.buzon.console.audit.Audit;
import io.buzon.console.session.LoginThrottle;
import io.buzon.console.session.SessionKind;
import io.buzon.console.session.WebSessions;
import io.buzon.store.auth.TwoFactorService;
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

import java.util.Optional;

/** Admin login (password, then TOTP when the admin has it), logout and the language switch. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private static final String SCOPE = "admin";

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(String username, String next, String errorKey);

        static native TemplateInstance totp(String errorKey);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AdminDirectory admins;

    @Inject
    WebSessions sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    Audit audit;

    @Inject
    io.buzon.store.stats.LoginStats loginStats;

    @GET
    @Path("login")
    public Response loginPage(@RestQuery String next) {
        if (ctx.session() != null && !ctx.session().awaitingTotp) {
            return Response.seeOther(UriBuilder.fromPath("/console").build()).build();
        }
        return loginForm(200, "", next, null);
    }

    @POST
    @Path("login")
    public Response login(@RestForm String username, @RestForm String password, @RestForm String next) {
        String name = username == null ? "" : username.trim();
        if (throttle.blocked(SCOPE, name, ctx.sourceAddress())) {
            audit.record(name, "console.login.throttled", "admin:" + name, ctx.sourceAddress(), null);
            return loginForm(429, name, next, "login_throttled");
        }
        Optional<Admin> admin = admins.authenticate(name, password);
        if (admin.isEmpty()) {
            throttle.recordFailure(SCOPE, name, ctx.sourceAddress());
            loginStats.record("console", "failure");
            audit.record(name, "console.login.failed", "admin:" + name, ctx.sourceAddress(), null);
            return loginForm(401, name, next, "login_failed");
        }
        Admin a = admin.get();
        throttle.recordSuccess(SCOPE, a.username);
        if (ctx.session() != null) {
            sessions.close(cookieValue());
        }
        WebSessions.Opened opened = sessions.open(SessionKind.ADMIN, a.username, a.hasTotp(), ctx.sourceAddress());
        String target = a.hasTotp() ? "/console/login/totp" : safeNext(next);
        if (!a.hasTotp()) {
            loginStats.record("console", "success");
            admins.recordLogin(a.id);
            audit.record(a.username, "console.login", "admin:" + a.username, ctx.sourceAddress(), null);
        }
        return Response.seeOther(UriBuilder.fromPath(target).build())
                .cookie(Cookies.session(Cookies.ADMIN_SESSION, opened.token(), ctx.secure()),
                        Cookies.expired(Cookies.PRE_LOGIN, ctx.secure()))
                .build();
    }

    @GET
    @Path("login/totp")
    public TemplateInstance totpPage() {
        return ctx.render(Templates.totp(null));
    }

    @POST
    @Path("login/totp")
    public Response totp(@RestForm String code) {
        String name = ctx.session().subject;
        if (throttle.blocked(SCOPE, name, ctx.sourceAddress())) {
            return Response.status(429).entity(ctx.render(Templates.totp("login_throttled"))).build();
        }
        Admin admin = admins.findByUsername(name).orElse(null);
        TwoFactorService.CodeCheck check = admin == null ? TwoFactorService.CodeCheck.WRONG : admins.checkTotp(admin.id, code);
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            throttle.recordFailure(SCOPE, name, ctx.sourceAddress());
            audit.record(name, "console.login.totpFailed", "admin:" + name, ctx.sourceAddress(),
                    check == TwoFactorService.CodeCheck.REPLAYED ? "code already used" : null);
            return Response.status(401).entity(ctx.render(Templates.totp(totpErrorKey(check)))).build();
        }
        throttle.recordSuccess(SCOPE, name);
        sessions.close(cookieValue());
        WebSessions.Opened opened = sessions.open(SessionKind.ADMIN, admin.username, false, ctx.sourceAddress());
        admins.recordLogin(admin.id);
        loginStats.record("console", "success");
        audit.record(admin.username, "console.login", "admin:" + admin.username, ctx.sourceAddress(), "with TOTP");
        return Response.seeOther(UriBuilder.fromPath("/console").build())
                .cookie(Cookies.session(Cookies.ADMIN_SESSION, opened.token(), ctx.secure()))
                .build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        sessions.close(cookieValue());
        audit.record("console.logout", "admin:" + ctx.getAdminName(), null);
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
