package io.buzon.console.web;

import io.buzon.console.ConsoleConfig;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.audit.AuditEntry;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The audit log, filtered by admin (actor), action, target and a date range (UTC days, both inclusive).
 * Domain admins see only their own actions: other entries may name other domains' accounts.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

    public record Query(String actor, String action, String target, String from, String to, int page, boolean invalidDate) {

        public String link(int toPage) {
            return "/console/audit?actor=" + enc(actor) + "&action=" + enc(action) + "&target=" + enc(target)
                    + "&from=" + enc(from) + "&to=" + enc(to) + "&page=" + toPage;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(Page<AuditEntry> entries, Query query);
    }

    @Inject
    ConsoleRequest ctx;

    @Inject
    ConsoleConfig config;

    @Inject
    AuditLog log;

    @GET
    public TemplateInstance search(@RestQuery String actor, @RestQuery String action, @RestQuery String target,
                                   @RestQuery String from, @RestQuery String to, @RestQuery Integer page) {
        String who = ctx.isSuperAdmin() ? trim(actor) : ctx.getAdminName();
        boolean invalid = false;
        Instant fromInstant = null;
        Instant toInstant = null;
        try {
            fromInstant = trim(from).isEmpty() ? null : LocalDate.parse(trim(from)).atStartOfDay().toInstant(ZoneOffset.UTC);
            toInstant = trim(to).isEmpty() ? null : LocalDate.parse(trim(to)).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            invalid = true;
        }
        Query q = new Query(who, trim(action), trim(target), trim(from), trim(to), page == null || page < 0 ? 0 : page, invalid);
        Page<AuditEntry> entries = log.search(new AuditFilter(blank(who), blank(q.action()), blank(q.target()),
                invalid ? null : fromInstant, invalid ? null : toInstant), new PageRequest(q.page(), config.pageSize()));
        return ctx.render(Templates.audit(entries, q));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
