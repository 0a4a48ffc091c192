package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.Secrets;
import io.buzon.console.accounts.PolicyText;
import io.buzon.console.admin.Totp;
import io.buzon.console.audit.Audit;
import io.buzon.console.session.SessionKind;
import io.buzon.console.session.WebSessions;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.auth.AppPassword;
import io.buzon.store.auth.AppPasswordService;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthResult;
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
    WebSessions sessions;

    @Inject
    PasswordPolicyService policies;

    @Inject
    Audit audit;

    @GET
    @Path("login")
    public Response loginPage() {
        return loginForm(200, "", null);
    }

    @POST
    @Path("login")
    public Response login(@RestForm String login, @RestForm String password) {
        String name = login == null ? "" : login.trim();
        AuthResult result = auth.authenticate(name, password, SERVICE, ctx.sourceAddress());
        boolean passwordRight = result.outcome() == AuthOutcome.SUCCESS || result.outcome() == AuthOutcome.EXPIRED;
        if (!passwordRight) {
            String key = switch (result.outcome()) {
                case LOCKED -> "login_throttled";
                case DISABLED -> "me_disabled";
                default -> "me_failed";
            };
            return loginForm(result.outcome() == AuthOutcome.LOCKED ? 429 : 401, name, key);
        }
        boolean needsTotp = twoFactor.isEnabled(result.accountId());
        WebSessions.Opened opened = sessions.open(SessionKind.MAILBOX, result.login(), needsTotp, ctx.sourceAddress());
        if (!needsTotp) {
            audit.record(result.login(), "selfservice.login", result.login(), ctx.sourceAddress(), null);
        }
        return Response.seeOther(UriBuilder.fromPath(needsTotp ? "/me/login/totp" : "/me").build())
                .cookie(Cookies.session(Cookies.MAILBOX_SESSION, opened.token(), ctx.secure()),
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
        Account a = account();
        TwoFactorService.CodeCheck check = twoFactor.check(a.id(), code == null ? "" : code.replace(" ", ""));
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            audit.record(a.login(), "selfservice.login.totpFailed", a.login(), ctx.sourceAddress(),
                    check == TwoFactorService.CodeCheck.REPLAYED ? "code already used" : null);
            return Response.status(401).entity(ctx.render(Templates.totp(LoginResource.totpErrorKey(check)))).build();
        }
        sessions.close(ctx.sessionCookie());
        WebSessions.Opened opened = sessions.open(SessionKind.MAILBOX, a.login(), false, ctx.sourceAddress());
        audit.record(a.login(), "selfservice.login", a.login(), ctx.sourceAddress(), "with TOTP");
        return Response.seeOther(UriBuilder.fromPath("/me").build())
                .cookie(Cookies.session(Cookies.MAILBOX_SESSION, opened.token(), ctx.secure())).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        sessions.close(ctx.sessionCookie());
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
            return Response.status(400).entity(render(a, null, null, null, List.of(), Alerts.error("error_password_current"))).build();
        }
        if (password == null || !password.equals(confirm)) {
            return Response.status(400).entity(render(a, null, null, null, List.of(), Alerts.error("error_password_confirm"))).build();
        }
        PasswordChangeResult result = passwords.setPassword(a.id(), password, a.login());
        if (!result.accepted()) {
            return Response.status(400).entity(render(a, null, null, null, PolicyText.of(result.violations(), ctx.locale()),
                    Alerts.error("error_password_policy"))).build();
        }
        audit.record(a.login(), "selfservice.password.change", a.login(), ctx.sourceAddress(), null);
        return Redirects.to("/me", "done_password");
    }

    @POST
    @Path("totp/start")
    public TemplateInstance startTotp() {
        Account a = account();
        String secret = twoFactor.newSecret();
        return render(a, null, secret, Totp.qrDataUriForUri(twoFactor.otpauthUri(a.login(), secret)), List.of(), Alerts.none());
    }

    @POST
    @Path("totp/confirm")
    public Response confirmTotp(@RestForm String secret, @RestForm String code) {
        Account a = account();
        if (secret == null || secret.isBlank() || !twoFactor.enable(a.id(), secret.trim(), code == null ? "" : code.replace(" ", ""))) {
            String qr = secret == null || secret.isBlank() ? null : Totp.qrDataUriForUri(twoFactor.otpauthUri(a.login(), secret.trim()));
            return Response.status(400).entity(render(a, null, qr == null ? null : secret.trim(), qr, List.of(),
                    Alerts.error("login_totpFailed"))).build();
        }
        audit.record(a.login(), "selfservice.totp.enable", a.login(), ctx.sourceAddress(), null);
        return Redirects.to("/me", "done_totpOn");
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
        twoFactor.disable(a.id());
        audit.record(a.login(), "selfservice.totp.disable", a.login(), ctx.sourceAddress(), null);
        return Redirects.to("/me", "done_totpOff");
    }

    /** Shows the new app password once, on this response only (never in a URL or a log). */
    @POST
    @Path("app-passwords")
    public Response createAppPassword(@RestForm String name) {
        Account a = account();
        try {
            CreatedAppPassword created = appPasswords.create(a.id(), name);
            audit.record(a.login(), "selfservice.apppassword.create", a.login(), ctx.sourceAddress(), "name=" + created.appPassword().name());
            return Response.ok(render(a, created.secret(), null, null, List.of(), Alerts.done("done_appPasswordCreated"))).build();
        } catch (IllegalArgumentException e) {
            String reason = e instanceof io.buzon.store.auth.AppPasswordRefusedException r ? r.reason() : null;
            return Response.status(400).entity(render(a, null, null, null, List.of(),
                    Alerts.refused("error_appPassword", reason, e.getMessage()))).build();
        }
    }

    @POST
    @Path("app-passwords/{id}/revoke")
    public Response revokeAppPassword(@PathParam("id") long id) {
        Account a = account();
        if (!appPasswords.revoke(a.id(), id)) {
            throw new ConsoleException(404, "error_notFound");
        }
        audit.record(a.login(), "selfservice.apppassword.revoke", a.login(), ctx.sourceAddress(), "id=" + id);
        return Redirects.to("/me", "done_appPasswordRevoked");
    }

    private TemplateInstance render(Account a, String newAppPassword, String totpSecret, String totpQr, List<String> reasons, Alerts alerts) {
        boolean required = policies.effectivePolicy(a.domainId()).requireTwoFactor();
        boolean enabled = twoFactor.isEnabled(a.id());
        return ctx.render(Templates.me(new MePage(a, enabled, appPasswords.list(a.id()), newAppPassword,
                totpSecret, totpQr, reasons, required && !enabled, required), alerts));
    }

    private Account account() {
        return accounts.findByLogin(ctx.session().subject).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
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
