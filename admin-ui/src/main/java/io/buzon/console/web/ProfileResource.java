package io.buzon.console.web;

import io.buzon.console.ConsoleException;
import io.buzon.console.admin.Admin;
import io.buzon.console.admin.AdminDirectory;
import io.buzon.console.admin.Totp;
import io.buzon.console.audit.Audit;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** The signed-in admin's own page: password change and TOTP enrolment. */
@Path("/console/profile")
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance profile(Admin admin, String notice, String errorKey, String totpSecret, String totpQr);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    AdminDirectory admins;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance page(@RestQuery String done) {
        return ctx.render(Templates.profile(ctx.admin(), ctx.notice(done), null, null, null));
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm String current, @RestForm String password, @RestForm String confirm) {
        try {
            if (password == null || !password.equals(confirm)) {
                throw new ConsoleException("error_password_confirm");
            }
            admins.changePassword(ctx.admin().id, current, password);
        } catch (ConsoleException e) {
            return Response.status(400).entity(ctx.render(Templates.profile(ctx.admin(), null, e.messageKey(), null, null))).build();
        }
        audit.record("admin.password.change", "admin:" + ctx.admin().username, null);
        return Redirects.to("/console/profile", "done_password");
    }

    /** Step 1: a fresh secret and its QR code; nothing is stored until a code from it is confirmed. */
    @POST
    @Path("totp/start")
    public TemplateInstance startTotp() {
        String secret = Totp.newSecret();
        String qr = Totp.qrDataUri("Buzón", "Buzón console:" + ctx.admin().username, secret);
        return ctx.render(Templates.profile(ctx.admin(), null, null, secret, qr));
    }

    @POST
    @Path("totp/confirm")
    public Response confirmTotp(@RestForm String secret, @RestForm String code) {
        if (secret == null || !secret.matches("[A-Z2-7]{32}") || !admins.enableTotp(ctx.admin().id, secret, code)) {
            String qr = secret != null && secret.matches("[A-Z2-7]{32}")
                    ? Totp.qrDataUri("Buzón", "Buzón console:" + ctx.admin().username, secret) : null;
            return Response.status(400).entity(ctx.render(Templates.profile(ctx.admin(), null, "login_totpFailed",
                    qr == null ? null : secret, qr))).build();
        }
        audit.record("admin.totp.enable", "admin:" + ctx.admin().username, null);
        return Redirects.to("/console/profile", "done_totpOn");
    }

    @POST
    @Path("totp/disable")
    public Response disableTotp(@RestForm String code) {
        TwoFactorService.CodeCheck check = admins.checkTotp(ctx.admin().id, code);
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            return Response.status(400).entity(ctx.render(Templates.profile(ctx.admin(), null, LoginResource.totpErrorKey(check),
                    null, null))).build();
        }
        admins.disableTotp(ctx.admin().id);
        audit.record("admin.totp.disable", "admin:" + ctx.admin().username, null);
        return Redirects.to("/console/profile", "done_totpOff");
    }
}
