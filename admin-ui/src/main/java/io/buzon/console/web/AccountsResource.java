package io.buzon.console.web;

import io.buzon.console.Alerts;
import io.buzon.console.ConsoleConfig;
import io.buzon.console.ConsoleException;
import io.buzon.console.Quotas;
import io.buzon.console.accounts.PolicyText;
import io.buzon.console.mailbox.MailboxMessages;
import io.buzon.console.overview.Overview;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.StoreException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountFilter;
import io.buzon.store.account.AccountService;
import io.buzon.store.account.AccountSort;
import io.buzon.store.auth.AuthService;
import io.buzon.store.domain.Domain;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordRefusedException;
import io.buzon.store.password.PasswordService;
import io.buzon.store.quota.Quota;
import io.buzon.store.quota.QuotaService;
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
import java.util.Locale;
import java.util.Map;

/**
 * Mailbox accounts: a searchable, sortable, paged list; creation with live password-policy feedback;
 * and per account its quota, state, password, lockout, messages and deletion.
 */
@Path("/console/accounts")
@Produces(MediaType.TEXT_HTML)
public class AccountsResource {

    /** The list's query, echoed into links so sorting and paging keep the filter. */
    public record Query(String domain, String q, String state, String sort, String dir, int page) {

        public String link(int toPage) {
            return "/console/accounts?domain=" + enc(domain) + "&q=" + enc(q) + "&state=" + enc(state)
                    + "&sort=" + enc(sort) + "&dir=" + enc(dir) + "&page=" + toPage;
        }

        /** Link that sorts by {@code field}, flipping the direction when it is already the sort. */
        public String sortLink(String field) {
            String d = field.equals(sort) && "asc".equals(dir) ? "desc" : "asc";
            return "/console/accounts?domain=" + enc(domain) + "&q=" + enc(q) + "&state=" + enc(state)
                    + "&sort=" + field + "&dir=" + d + "&page=0";
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        /** 1-based page number for people. */
        public String number() {
            return Integer.toString(page + 1);
        }

        public String arrow(String field) {
            return field.equals(sort) ? ("asc".equals(dir) ? "▲" : "▼") : "";
        }

        private static String enc(String s) {
            return s == null ? "" : java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** An account with its effective quota, for the usage bar. */
    public record Row(Account account, Long quotaBytes, Long quotaMessages, int percent) {
    }

    public record NewAccount(String login, String displayName, String quotaMib, List<String> reasons) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance accounts(List<Row> rows, long total, int pageCount, boolean hasNext,
                                                Query query, List<Domain> domains, NewAccount form, Alerts alerts);

        static native TemplateInstance account(Row row, boolean locked, MailboxMessages.MessagePage messages,
                                               List<String> reasons, Alerts alerts);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    ConsoleConfig config;

    @Inject
    AccountService accounts;

    @Inject
    QuotaService quotas;


    @Inject
    PasswordService passwords;

    @Inject
    AuthService auth;

    @Inject
    MailboxMessages messages;

    @Inject
    Overview overview;


    @GET
    public TemplateInstance list(@RestQuery String domain, @RestQuery String q, @RestQuery String state,
                                 @RestQuery String sort, @RestQuery String dir, @RestQuery Integer page,
                                 @RestQuery String done) {
        return listPage(query(domain, q, state, sort, dir, page), new NewAccount("", "", "", List.of()), Alerts.done(ctx.notice(done)));
    }

    @POST
    public Response create(@RestForm String login, @RestForm String displayName, @RestForm String password,
                           @RestForm String quotaMib) {
        String l = login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
        Query back = query(domainOf(l), null, null, null, null, 0);
        try {
            ctx.requireDomain(domainOf(l));
            Account a = accounts.provision(ctx.actor(), new io.buzon.store.account.NewAccount(l, displayName, password, Quotas.mibToBytes(quotaMib), null));
            return Redirects.to("/console/accounts/" + a.id(), "done_accountCreated");
        } catch (PasswordRefusedException e) {
            return Response.status(400).entity(listPage(back, new NewAccount(l, displayName, quotaMib,
                    PolicyText.of(e.violations(), ctx.locale())), Alerts.error("error_password_policy"))).build();
        } catch (ConsoleException e) {
            return Response.status(e.status()).entity(listPage(back, new NewAccount(l, displayName, quotaMib, List.of()), Alerts.of(e))).build();
        } catch (StoreException e) {
            ConsoleException c = ConsoleException.fromStore(e);
            return Response.status(c.status()).entity(listPage(back, new NewAccount(l, displayName, quotaMib, List.of()), Alerts.of(c))).build();
        }
    }

    /** Live feedback for the password field (called by console.js; CSRF token in a header). */
    @POST
    @Path("password-check")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> passwordCheck(@RestForm String login, @RestForm Long accountId, @RestForm String password) {
        List<String> reasons;
        String forLogin = login;
        if (accountId != null) {
            Account a = load(accountId);
            forLogin = a.login();
            reasons = PolicyText.of(passwords.check(a.id(), password == null ? "" : password), ctx.locale());
        } else {
            reasons = PolicyText.of(passwords.checkForNewAccount(login, password), ctx.locale());
        }
        return Map.of("ok", reasons.isEmpty(), "reasons", reasons, "strength", passwords.strength(forLogin, password));
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") long id, @RestQuery Integer page, @RestQuery String done) {
        Account a = load(id);
        return detail(a, page == null ? 0 : Math.max(0, page), List.of(), Alerts.done(ctx.notice(done)));
    }

    @POST
    @Path("{id}/quota")
    public Response quota(@PathParam("id") long id, @RestForm String quotaMib, @RestForm String quotaMessages) {
        Account a = load(id);
        try {
            accounts.setQuota(ctx.actor(), id, Quotas.mibToBytes(quotaMib), Quotas.messages(quotaMessages));
        } catch (ConsoleException e) {
            return Response.status(e.status()).entity(detail(a, 0, List.of(), Alerts.of(e))).build();
        }
        return Redirects.to("/console/accounts/" + id, "done_saved");
    }

    @POST
    @Path("{id}/enabled")
    public Response enabled(@PathParam("id") long id, @RestForm boolean enabled) {
        Account a = load(id);
        accounts.setEnabled(ctx.actor(), id, enabled);
        return Redirects.to("/console/accounts/" + id, "done_saved");
    }

    @POST
    @Path("{id}/password")
    public Response password(@PathParam("id") long id, @RestForm String password) {
        Account a = load(id);
        PasswordChangeResult result = passwords.setPassword(ctx.actor(), id, password == null ? "" : password);
        if (!result.accepted()) {
            return Response.status(400).entity(detail(a, 0, PolicyText.of(result.violations(), ctx.locale()),
                    Alerts.error("error_password_policy"))).build();
        }
        return Redirects.to("/console/accounts/" + id, "done_password");
    }

    @POST
    @Path("{id}/unlock")
    public Response unlock(@PathParam("id") long id) {
        Account a = load(id);
        auth.unlock(ctx.actor(), a.id());
        return Redirects.to("/console/accounts/" + id, "done_unlocked");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id, @RestForm String confirmLogin) {
        Account a = load(id);
        if (confirmLogin == null || !confirmLogin.trim().equalsIgnoreCase(a.login())) {
            return Response.status(400).entity(detail(a, 0, List.of(), Alerts.error("error_account_confirm"))).build();
        }
        try {
            accounts.delete(ctx.actor(), id);
        } catch (StoreException e) {
            return Response.status(ConsoleException.fromStore(e).status())
                    .entity(detail(a, 0, List.of(), Alerts.of(ConsoleException.fromStore(e)))).build();
        }
        return Redirects.to("/console/accounts?domain=" + a.domain(), "done_deleted");
    }

    @POST
    @Path("{id}/messages/{messageId}/delete")
    public Response deleteMessage(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        Account a = load(id);
        try {
            messages.delete(ctx.actor(), id, List.of(messageId));
        } catch (StoreException e) {
            return Response.status(ConsoleException.fromStore(e).status())
                    .entity(detail(a, 0, List.of(), Alerts.of(ConsoleException.fromStore(e)))).build();
        }
        return Redirects.to("/console/accounts/" + id, "done_messageDeleted");
    }

    private TemplateInstance listPage(Query query, NewAccount form, Alerts alerts) {
        AccountSort.Field field = switch (query.sort()) {
            case "name" -> AccountSort.Field.DISPLAY_NAME;
            case "created" -> AccountSort.Field.CREATED_AT;
            case "usage" -> AccountSort.Field.USED_BYTES;
            default -> AccountSort.Field.LOGIN;
        };
        Boolean enabled = switch (query.state()) {
            case "enabled" -> Boolean.TRUE;
            case "disabled" -> Boolean.FALSE;
            default -> null;
        };
        List<Domain> visible = overview.visibleDomains(ctx.admin());
        String domain = query.domain().isBlank() ? null : query.domain();
        Page<Account> page;
        if (domain == null && !ctx.isSuperAdmin()) {
            // A domain admin always sees one of their domains; with none assigned, nothing.
            domain = visible.isEmpty() ? null : visible.get(0).name();
            query = new Query(domain == null ? "" : domain, query.q(), query.state(), query.sort(), query.dir(), query.page());
        }
        if (domain != null) {
            ctx.requireDomain(domain);
        }
        if (domain == null && !ctx.isSuperAdmin()) {
            page = new Page<>(List.of(), 0, PageRequest.first(config.pageSize()));
        } else {
            page = accounts.list(new AccountFilter(domain, blankToNull(query.q()), enabled),
                    new AccountSort(field, "desc".equals(query.dir())), new PageRequest(query.page(), config.pageSize()));
        }
        List<Row> rows = page.items().stream().map(this::row).toList();
        return ctx.render(Templates.accounts(rows, page.total(), Math.max(1, page.pageCount()), page.hasNext(), query, visible, form, alerts));
    }

    private TemplateInstance detail(Account a, int messagePage, List<String> reasons, Alerts alerts) {
        boolean locked = auth.lockState(a.login()).locked();
        return ctx.render(Templates.account(row(a), locked, messages.list(a.id(), messagePage, config.pageSize()), reasons, alerts));
    }

    private Row row(Account a) {
        Quota q = quotas.effectiveQuota(a.id());
        int percent = q.bytes() == null || q.bytes() == 0 ? 0 : (int) Math.min(100, Math.round(a.usedBytes() * 100.0 / q.bytes()));
        return new Row(a, q.bytes(), q.messages(), percent);
    }

    private Account load(long id) {
        Account a = accounts.find(id).orElseThrow(() -> new ConsoleException(404, "error_notFound"));
        ctx.requireDomain(a.domain());
        return a;
    }

    private static Query query(String domain, String q, String state, String sort, String dir, Integer page) {
        String s = sort == null || !List.of("login", "name", "created", "usage").contains(sort) ? "login" : sort;
        String d = "desc".equals(dir) ? "desc" : "asc";
        String st = state == null || !List.of("enabled", "disabled").contains(state) ? "" : state;
        return new Query(domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT), q == null ? "" : q.trim(), st, s, d,
                page == null || page < 0 ? 0 : page);
    }

    private static String domainOf(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? "" : login.substring(at + 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
