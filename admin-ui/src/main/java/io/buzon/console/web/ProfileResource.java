package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.console.accounts.PolicyText;
import io.buzon.console.admin.TotpQrCodes;
import io.buzon.store.StoreException;
import io.buzon.store.admin.AdminService;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.auth.Totp;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.password.PasswordRefusedException;
import io.buzon.store.websession.SessionKind;
import io.buzon.store.websession.WebSessionService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** The signed-in admin's own page: password change and TOTP enrolment. */
@Path("/console/profile")
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

    private static final String ISSUER = "Buzón";

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance profile(ConsoleAdmin admin, Alerts alerts, List<String> reasons, String totpSecret,
                                               String totpQr);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AdminService admins;

    @Inject
    WebSessionService sessions;

    @GET
    public TemplateInstance page(@RestQuery String done) {
        return ctx.render(Templates.profile(ctx.admin(), Alerts.done(ctx.notice(done)), List.of(), null, null));
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm String current, @RestForm String password, @RestForm String confirm) {
        try {
            if (password == null || !password.equals(confirm)) {
                throw new ConsoleException("error_password_confirm");
            }
            admins.changePassword(ctx.actor(), ctx.admin().id(), current, password, ctx.sessionCookie());
        } catch (PasswordRefusedException e) {
            return page(400, Alerts.error("error_password_policy"), PolicyText.of(e.violations(), ctx.locale()), null);
        } catch (ConsoleException e) {
            return page(400, Alerts.of(e), List.of(), null);
        } catch (StoreException e) {
            return page(400, Alerts.of(ConsoleException.fromStore(e)), List.of(), null);
        }
        return Redirects.to("/console/profile", "done_password");
    }

    /**
     * Step 1: a fresh secret, kept in this browser session on the server, and its QR code. The form that
     * follows sends only the code: the browser never chooses the secret.
     */
    @POST
    @Path("totp/start")
    public Response startTotp() {
        String secret = Totp.newSecret();
        sessions.startTotpEnrolment(ctx.sessionCookie(), SessionKind.ADMIN, secret);
        return page(200, Alerts.none(), List.of(), secret);
    }

    @POST
    @Path("totp/confirm")
    public Response confirmTotp(@RestForm String code) {
        String secret = sessions.pendingTotpSecret(ctx.sessionCookie(), SessionKind.ADMIN).orElse(null);
        if (secret == null) {
            return page(400, Alerts.error("error_totp_notStarted"), List.of(), null);
        }
        if (!admins.enableTotp(ctx.actor(), ctx.admin().id(), secret, code)) {
            return page(400, Alerts.error("login_totpFailed"), List.of(), secret);
        }
        sessions.endTotpEnrolment(ctx.sessionCookie(), SessionKind.ADMIN);
        return Redirects.to("/console/profile", "done_totpOn");
    }

    @POST
    @Path("totp/disable")
    public Response disableTotp(@RestForm String code) {
        TwoFactorService.CodeCheck check = admins.checkTotp(ctx.admin().id(), code);
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            return page(400, Alerts.error(LoginResource.totpErrorKey(check)), List.of(), null);
        }
        admins.disableTotp(ctx.actor(), ctx.admin().id());
        return Redirects.to("/console/profile", "done_totpOff");
    }

    private Response page(int status, Alerts alerts, List<String> reasons, String enrollingSecret) {
        String qr = enrollingSecret == null ? null
                : TotpQrCodes.dataUri(Totp.otpauthUri(ISSUER, "Buzón console:" + ctx.admin().username(), enrollingSecret));
        // re-read: a change above may have altered what the page shows
        ConsoleAdmin admin = admins.find(ctx.admin().id()).orElse(ctx.admin());
        return Response.status(status)
                .entity(ctx.render(Templates.profile(admin, alerts, reasons, enrollingSecret, qr))).build();
    }
}
