package io.buzon.api;

import io.buzon.api.ApiModels.AccountPage;
import io.buzon.api.ApiModels.AccountUpdate;
import io.buzon.api.ApiModels.AccountView;
import io.buzon.api.ApiModels.NewAccount;
import io.buzon.api.ApiModels.PasswordUpdate;
import io.buzon.api.ApiModels.PolicyRefusal;
import io.buzon.api.ApiModels.QuotaUpdate;
import io.buzon.api.ApiModels.Reason;
import io.buzon.console.ConsoleException;
import io.buzon.console.web.ConsoleRequest;
import io.buzon.console.mailbox.MailboxMessages;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountFilter;
import io.buzon.store.account.AccountService;
import io.buzon.store.account.AccountSort;
import io.buzon.store.message.Removal;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.PolicyViolation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.List;
import java.util.Map;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "bearer")
public class AccountsApi {

    @Inject
    AccountService accounts;

    @Inject
    ConsoleRequest ctx;

    @Inject
    PasswordService passwords;

    @Inject
    MailboxMessages messages;


    @GET
    @Operation(summary = "List accounts, optionally of one domain and matching a search, by login")
    public AccountPage list(@RestQuery String domain, @RestQuery String q, @RestQuery Integer page, @RestQuery Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 100 : size;
        Page<Account> result = accounts.list(new AccountFilter(blank(domain), blank(q), null), AccountSort.byLogin(), new PageRequest(p, s));
        return new AccountPage(result.items().stream().map(AccountView::of).toList(), result.total(), p, s);
    }

    @POST
    @Operation(summary = "Create an account with its password (checked against the policy) and optional quota")
    public Response create(NewAccount body) {
        if (body == null) {
            throw new ConsoleException("error_badRequest");
        }
        try {
            Account a = accounts.provision(ctx.actor(), new io.buzon.store.account.NewAccount(body.login(), body.displayName(),
                    body.password(), body.quotaBytes(), body.quotaMessages()));
            return Response.created(URI.create("/api/v1/accounts/" + a.login())).entity(AccountView.of(a)).build();
        } catch (io.buzon.store.password.PasswordRefusedException e) {
            return refused(e.violations());
        }
    }

    @GET
    @Path("{login}")
    @Operation(summary = "One account")
    public AccountView get(@PathParam("login") String login) {
        return AccountView.of(load(login));
    }

    @PUT
    @Path("{login}")
    @Operation(summary = "Change display name and/or enabled state (absent fields unchanged)")
    public AccountView update(@PathParam("login") String login, AccountUpdate body) {
        Account a = load(login);
        if (body == null) {
            throw new ConsoleException("error_badRequest");
        }
        if (body.displayName() != null) {
            a = accounts.update(ctx.actor(), a.id(), body.displayName());
        }
        if (body.enabled() != null && body.enabled() != a.enabled()) {
            a = accounts.setEnabled(ctx.actor(), a.id(), body.enabled());
        }
        return AccountView.of(a);
    }

    @PUT
    @Path("{login}/quota")
    @Operation(summary = "Set the account's own quota (null = use the domain default)")
    public AccountView quota(@PathParam("login") String login, QuotaUpdate body) {
        Account a = load(login);
        Account updated = accounts.setQuota(ctx.actor(), a.id(), body == null ? null : body.bytes(), body == null ? null : body.messages());
        return AccountView.of(updated);
    }

    @PUT
    @Path("{login}/password")
    @Operation(summary = "Set a new password; 422 with the policy's reasons when refused")
    public Response password(@PathParam("login") String login, PasswordUpdate body) {
        Account a = load(login);
        PasswordChangeResult r = passwords.setPassword(ctx.actor(), a.id(), body == null || body.password() == null ? "" : body.password());
        if (!r.accepted()) {
            return refused(r.violations());
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("{login}")
    @Operation(summary = "Delete an account with all its mail")
    public Map<String, Object> delete(@PathParam("login") String login) {
        Account a = load(login);
        accounts.delete(ctx.actor(), a.id());
        return Map.of("deleted", a.login(), "messages", a.usedMessages(), "bytes", a.usedBytes());
    }

    @GET
    @Path("{login}/messages")
    @Operation(summary = "The mailbox's messages, newest first")
    public MailboxMessages.MessagePage messages(@PathParam("login") String login, @RestQuery Integer page, @RestQuery Integer size) {
        Account a = load(login);
        int s = size == null ? 50 : Math.max(1, Math.min(500, size));
        return messages.list(a.id(), page == null ? 0 : Math.max(0, page), s);
    }

    @DELETE
    @Path("{login}/messages/{id}")
    @Operation(summary = "Delete one message (usage is lowered at once)")
    public Removal deleteMessage(@PathParam("login") String login, @PathParam("id") long id) {
        Account a = load(login);
        Removal r = messages.delete(ctx.actor(), a.id(), List.of(id));
        if (r.deletedMessages() == 0) {
            throw new ConsoleException(404, "error_notFound");
        }
        return r;
    }

    private Account load(String login) {
        return accounts.findByLogin(login).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
    }

    static Response refused(List<PolicyViolation> violations) {
        List<Reason> reasons = violations.stream().map(v -> new Reason(v.code(), v.message())).toList();
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new PolicyRefusal(422, "error_password_policy", "The password does not meet the policy.", reasons)).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
