package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.accounts.PolicyText;
import io.buzon.console.admin.TotpQrCodes;
import io.buzon.store.Secrets;
import io.buzon.store.StoreException;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.SignInService;
import io.buzon.store.websession.WebSessionService;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.auth.AppPassword;
import io.buzon.store.auth.AppPasswordService;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthResult;
import io.buzon.store.auth.Totp;
import io.buzon.store.auth.AuthService;
import io.buzon.store.auth.CreatedAppPassword;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PasswordService;
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
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Self-service for mailbox users (/me): sign in with the mail password (plus TOTP once it is on), change
 * the password under the domain's policy (POP3 cannot, and policies expire passwords), turn two-factor
 * on or off, and manage app passwords for mail clients. With two-factor on, only app passwords open POP3.
 */
@Path("/me")
@Produces(MediaType.TEXT_HTML)
public class SelfServiceResource {

    static final String SERVICE = "selfservice";

    /** The page's state: the account, its app passwords, and one-time values to show. */
    public record MePage(Account account, boolean twoFactor, List<AppPassword> appPasswords, String newAppPassword,
                         String totpSecret, String totpQr, List<String> reasons, boolean enrolmentOwed,
                         boolean twoFactorRequired) {
    }

    @CheckedTemplate(basePath = "me")
    static class Templates {
        static native TemplateInstance login(String login, String errorKey);

        static native TemplateInstance totp(String errorKey);

        static native TemplateInstance me(MePage page, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AuthService auth;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AppPasswordService appPasswords;

    @Inject
    WebSessionService sessions;

    @Inject
    SignInService signIn;

    @Inject
    PasswordPolicyService policies;


    @GET
    @Path("login")
    public Response loginPage() {
        return loginForm(200, "", null);
    }

    @POST
    @Path("login")
    public Response login(@RestForm String login, @RestForm String password) {
        String name = login == null ? "" : login.trim();
        SignInService.Step step = signIn.mailbox(name, password, ctx.sourceAddress(), ctx.sessionCookie());
        return switch (step.result()) {
            case SIGNED_IN, SECOND_FACTOR -> Response.seeOther(UriBuilder.fromPath(
                            step.result() == SignInService.Result.SECOND_FACTOR ? "/me/login/totp" : "/me").build())
                    .cookie(Cookies.session(Cookies.MAILBOX_SESSION, step.session().token(), ctx.secure()),
                            Cookies.expired(Cookies.PRE_LOGIN, ctx.secure()))
                    .build();
            case THROTTLED -> loginForm(429, name, "login_throttled");
            case DISABLED -> loginForm(401, name, "me_disabled");
            default -> loginForm(401, name, "me_failed");
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
        SignInService.Step step = signIn.mailboxSecondFactor(ctx.sessionCookie(), code, ctx.sourceAddress());
        return switch (step.result()) {
            case SIGNED_IN -> Response.seeOther(UriBuilder.fromPath("/me").build())
                    .cookie(Cookies.session(Cookies.MAILBOX_SESSION, step.session().token(), ctx.secure())).build();
            case REPLAYED -> Response.status(401).entity(ctx.render(Templates.totp("login_totpReplayed"))).build();
            default -> Response.status(401).entity(ctx.render(Templates.totp("login_totpFailed"))).build();
        };
    }

    @POST
    @Path("logout")
    public Response logout() {
        signIn.signOut(ctx.sessionCookie(), SessionKind.MAILBOX, ctx.actor());
        return Response.seeOther(UriBuilder.fromPath("/me/login").build())
                .cookie(Cookies.expired(Cookies.MAILBOX_SESSION, ctx.secure())).build();
    }

    @GET
    @Path("lang")
    public Response language(@RestQuery String to) {
        String lang = Languages.SUPPORTED.contains(to) ? to : "en";
        return Response.seeOther(UriBuilder.fromPath(ctx.session() == null ? "/me/login" : "/me").build())
                .cookie(Cookies.language(lang, ctx.secure())).build();
    }

    @GET
    public TemplateInstance page(@RestQuery String done) {
        return render(account(), null, null, null, List.of(), Alerts.done(ctx.notice(done)));
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm String current, @RestForm String password, @RestForm String confirm) {
        Account a = account();
        AuthResult check = auth.authenticate(a.login(), current, SERVICE, ctx.sourceAddress());
        if (check.outcome() != AuthOutcome.SUCCESS && check.outcome() != AuthOutcome.EXPIRED) {
            return Response.status(400).entity(render(a, null, null, null, List.of(),
                    Alerts.refused("error_store", "PASSWORD_CURRENT", null))).build();
        }
        if (password == null || !password.equals(confirm)) {
            return Response.status(400).entity(render(a, null, null, null, List.of(), Alerts.error("error_password_confirm"))).build();
        }
        PasswordChangeResult result = passwords.setPassword(ctx.actor(), a.id(), password);
        if (!result.accepted()) {
            return Response.status(400).entity(render(a, null, null, null, PolicyText.of(result.violations(), ctx.locale()),
                    Alerts.error("error_password_policy"))).build();
        }
        sessions.closeOthers(SessionKind.MAILBOX, a.login(), ctx.sessionCookie());
        return Redirects.to("/me", "done_password");
    }

    /** Step 1: a fresh secret, kept in this browser session on the server, and its QR code. */
    @POST
    @Path("totp/start")
    public TemplateInstance startTotp() {
        Account a = account();
        String secret = Totp.newSecret();
        sessions.startTotpEnrolment(ctx.sessionCookie(), SessionKind.MAILBOX, secret);
        return render(a, null, secret, qr(a, secret), List.of(), Alerts.none());
    }

    /** Step 2: the first code from the app proves it holds the secret this session keeps. */
    @POST
    @Path("totp/confirm")
    public Response confirmTotp(@RestForm String code) {
        Account a = account();
        String secret = sessions.pendingTotpSecret(ctx.sessionCookie(), SessionKind.MAILBOX).orElse(null);
        if (secret == null) {
            return Response.status(400).entity(render(a, null, null, null, List.of(), Alerts.error("error_totp_notStarted"))).build();
        }
        if (!twoFactor.enable(ctx.actor(), a.id(), secret, code == null ? "" : code.replace(" ", ""))) {
            return Response.status(400).entity(render(a, null, secret, qr(a, secret), List.of(),
                    Alerts.error("login_totpFailed"))).build();
        }
        sessions.endTotpEnrolment(ctx.sessionCookie(), SessionKind.MAILBOX);
        return Redirects.to("/me", "done_totpOn");
    }

    private String qr(Account a, String secret) {
        return TotpQrCodes.dataUri(twoFactor.otpauthUri(a.login(), secret));
    }

    @POST
    @Path("totp/disable")
    public Response disableTotp(@RestForm String code) {
        Account a = account();
        if (policies.effectivePolicy(a.domainId()).requireTwoFactor()) {
            return Response.status(400).entity(render(a, null, null, null, List.of(), Alerts.error("me_totpRequired"))).build();
        }
        TwoFactorService.CodeCheck check = twoFactor.check(a.id(), code == null ? "" : code.replace(" ", ""));
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            return Response.status(400).entity(render(a, null, null, null, List.of(),
                    Alerts.error(LoginResource.totpErrorKey(check)))).build();
        }
        twoFactor.disable(ctx.actor(), a.id());
        return Redirects.to("/me", "done_totpOff");
    }

    /** Shows the new app password once, on this response only (never in a URL or a log). */
    @POST
    @Path("app-passwords")
    public Response createAppPassword(@RestForm String name) {
        Account a = account();
        try {
            CreatedAppPassword created = appPasswords.create(ctx.actor(), a.id(), name);
            return Response.ok(render(a, created.secret(), null, null, List.of(), Alerts.done("done_appPasswordCreated"))).build();
        } catch (StoreException e) {
            return Response.status(400).entity(render(a, null, null, null, List.of(),
                    Alerts.refused("error_appPassword", e.reason(), e.getMessage()))).build();
        }
    }

    @POST
    @Path("app-passwords/{id}/revoke")
    public Response revokeAppPassword(@PathParam("id") long id) {
        Account a = account();
        if (!appPasswords.revoke(ctx.actor(), a.id(), id)) {
            throw new ConsoleException(404, "error_notFound");
        }
        return Redirects.to("/me", "done_appPasswordRevoked");
    }

    private TemplateInstance render(Account a, String newAppPassword, String totpSecret, String totpQr, List<String> reasons, Alerts alerts) {
        boolean required = policies.effectivePolicy(a.domainId()).requireTwoFactor();
        boolean enabled = twoFactor.isEnabled(a.id());
        return ctx.render(Templates.me(new MePage(a, enabled, appPasswords.list(a.id()), newAppPassword,
                totpSecret, totpQr, reasons, required && !enabled, required), alerts));
    }

    private Account account() {
        return accounts.findByLogin(ctx.session().subject()).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
    }

    private Response loginForm(int status, String login, String errorKey) {
        boolean newToken = ctx.preLoginCsrf() == null || ctx.preLoginCsrf().isBlank();
        if (newToken) {
            ctx.setPreLoginCsrf(Secrets.randomToken(24));
        }
        Response.ResponseBuilder r = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(ctx.render(Templates.login(login, errorKey)));
        if (newToken) {
            r.cookie(Cookies.session(Cookies.PRE_LOGIN, ctx.preLoginCsrf(), ctx.secure()));
        }
        return r.build();
    }
}
