package io.buzon.console.web;

import io.buzon.store.Secrets;
import io.buzon.store.admin.AdminService;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.WebSession;
import io.buzon.store.websession.WebSessionService;
import io.buzon.store.auth.AuthService;
import io.buzon.store.password.AccountIdentities;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Optional;
import java.util.Set;

/**
 * The one gate in front of every console (/console) and self-service (/me) page: resolves the session,
 * sends visitors without one to the login page, keeps a half-logged-in session (password accepted, TOTP
 * owed) on the TOTP page, and rejects any state-changing request whose CSRF token does not match (403).
 * Resources therefore never re-check login or CSRF; they only check what the role allows.
 */
public class ConsoleGuard {

    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> ADMIN_PUBLIC = Set.of("/console/login", "/console/lang");
    private static final Set<String> MAILBOX_PUBLIC = Set.of("/me/login", "/me/lang");
    /** All a mailbox user may reach while the policy requires two-factor and TOTP is not enrolled yet. */
    private static final Set<String> MAILBOX_ENROLMENT = Set.of("/me", "/me/totp/start", "/me/totp/confirm",
            "/me/logout");

    @Inject
    WebSessionService sessions;

    @Inject
    AdminService admins;

    @Inject
    ConsoleRequest current;

    @Inject
    AccountIdentities accounts;

    @Inject
    AuthService auth;

    @ServerRequestFilter(priority = 1000)
    @WithFormRead
    public Optional<Response> guard(ResteasyReactiveContainerRequestContext ctx, HttpServerRequest http) {
        String path = ctx.getUriInfo().getPath();
        SessionKind kind = areaOf(path);
        if (kind == null) {
            return Optional.empty();
        }
        String cookieName = kind == SessionKind.ADMIN ? Cookies.ADMIN_SESSION : Cookies.MAILBOX_SESSION;
        String sessionCookie = cookie(ctx, cookieName);
        current.init(path, "https".equalsIgnoreCase(http.scheme()),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                Languages.choose(cookie(ctx, Languages.COOKIE), ctx.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)),
                cookie(ctx, Cookies.PRE_LOGIN), sessionCookie);
        WebSession session = sessions.resolve(sessionCookie, kind).orElse(null);
        current.setSession(session);

        if (changesState(ctx.getMethod())) {
            String expected = session != null ? session.csrfToken() : current.preLoginCsrf();
            if (!Secrets.constantTimeEquals(expected, submittedCsrf(ctx))) {
                return Optional.of(ErrorPages.forbiddenCsrf(current));
            }
        }

        String loginPage = kind == SessionKind.ADMIN ? "/console/login" : "/me/login";
        Set<String> publicPaths = kind == SessionKind.ADMIN ? ADMIN_PUBLIC : MAILBOX_PUBLIC;
        if (publicPaths.contains(path)) {
            return Optional.empty();
        }
        if (session == null) {
            return Optional.of(toLogin(loginPage, ctx.getMethod(), path));
        }
        String totpPage = loginPage + "/totp";
        if (session.awaitingTotp()) {
            return path.equals(totpPage) ? Optional.empty() : Optional.of(redirect(totpPage));
        }
        if (kind == SessionKind.ADMIN) {
            ConsoleAdmin admin = admins.findByUsername(session.subject()).filter(ConsoleAdmin::enabled).orElse(null);
            if (admin == null) {
                sessions.closeAll(SessionKind.ADMIN, session.subject());
                return Optional.of(redirect(loginPage));
            }
            current.setAdmin(admin);
        } else if (!MAILBOX_ENROLMENT.contains(path) && enrolmentOwed(session.subject())) {
            return Optional.of(redirect("/me"));
        }
        return Optional.empty();
    }

    /** Checked on every request, so a policy switched on applies to sessions that are already open. */
    private boolean enrolmentOwed(String login) {
        return accounts.byLogin(login).map(a -> auth.twoFactorEnrolmentOwed(a.accountId(), a.domainId())).orElse(false);
    }

    static SessionKind areaOf(String path) {
        if (path.equals("/console") || path.startsWith("/console/")) {
            return SessionKind.ADMIN;
        }
        if (path.equals("/me") || path.startsWith("/me/")) {
            return SessionKind.MAILBOX;
        }
        return null;
    }

    private static boolean changesState(String method) {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    private static String submittedCsrf(ResteasyReactiveContainerRequestContext ctx) {
        String header = ctx.getHeaderString(CSRF_HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        ResteasyReactiveRequestContext rr = (ResteasyReactiveRequestContext) ctx.getServerRequestContext();
        Object value = rr.getFormParameter(CSRF_FIELD, true, false);
        return value instanceof String s ? s : null;
    }

    private static String cookie(ContainerRequestContext ctx, String name) {
        Cookie c = ctx.getCookies().get(name);
        return c == null ? null : c.getValue();
    }

    private static Response toLogin(String loginPage, String method, String path) {
        UriBuilder to = UriBuilder.fromPath(loginPage);
        if (HttpMethod.GET.equals(method) && !path.equals("/console") && !path.equals("/me")) {
            to.queryParam("next", path);
        }
        return Response.seeOther(to.build()).build();
    }

    private static Response redirect(String path) {
        return Response.seeOther(UriBuilder.fromPath(path).build()).build();
    }
}
