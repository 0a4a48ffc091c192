package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.lock.ActiveSession;
import io.buzon.store.lock.MaildropLockService;
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
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Open POP3 sessions on every replica (they are the maildrop leases in the database), with a button that
 * asks the owning replica to end one: it sees the request at its next heartbeat and closes the connection.
 */
@Path("/console/sessions")
@Produces(MediaType.TEXT_HTML)
public class SessionsResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance sessions(List<ActiveSession> sessions, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    MaildropLockService locks;

    @Inject
    AccountService accounts;


    @GET
    public TemplateInstance list(@RestQuery String done) {
        List<ActiveSession> visible = locks.listActive().stream()
                .filter(s -> ctx.admin().mayManage(domainOf(s.login())))
                .toList();
        return ctx.render(Templates.sessions(visible, Alerts.done(ctx.notice(done))));
    }

    @POST
    @Path("{accountId}/end")
    public Response end(@PathParam("accountId") long accountId) {
        Account a = accounts.find(accountId).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(a.domain());
        boolean requested = locks.requestTermination(ctx.actor(), accountId);
        return Redirects.to("/console/sessions", requested ? "done_sessionEnding" : "done_sessionGone");
    }

    static String domainOf(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? "" : login.substring(at + 1);
    }
}
