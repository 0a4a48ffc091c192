package io.buzon.console.web;

import io.buzon.console.ConsoleException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.UUID;

/**
 * Every failure becomes a page a person can read (or, under /api, a JSON body): the message and, for
 * unexpected errors, an incident id that matches a log line. Never a stack trace in the browser.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance error(int status, String messageKey, String incident, String detail, String reason);
    }

    @Inject
    ConsoleRequest current;

    @ServerExceptionMapper
    public Response refused(ConsoleException e, UriInfo uri) {
        return render(uri, e);
    }

    @ServerExceptionMapper
    public Response store(io.buzon.store.StoreException e, UriInfo uri) {
        return render(uri, ConsoleException.fromStore(e));
    }

    /** The API keeps the general key and the English text (plus the reason code); pages say the reason. */
    private Response render(UriInfo uri, ConsoleException e) {
        if (uri.getPath().startsWith("/api/")) {
            Response r = render(uri, e.status(), e.messageKey(), null, e.detail());
            if (e.reason() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) r.getEntity();
                body.put("reason", e.reason());
            }
            return r;
        }
        String shown = ConsoleException.shownReason(e.reason());
        TemplateInstance page = Templates.error(e.status(), e.messageKey(), null, shown == null ? e.detail() : null, shown)
                .setLocale(current.locale());
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String key = switch (status) {
            case 401 -> "error_unauthorized";
            case 403 -> "error_forbidden";
            case 404 -> "error_notFound";
            case 405 -> "error_method";
            case 415, 400 -> "error_badRequest";
            default -> "error_badRequest";
        };
        return render(uri, status, key, null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Incident %s while serving %s", incident, uri.getPath());
        return render(uri, 500, "error_unexpected", incident, null);
    }

    static Response forbiddenCsrf(ConsoleRequest current) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(403, "error_csrf", null, null, null).setLocale(current.locale())).build();
    }

    private Response render(UriInfo uri, int status, String key, String incident, String detail) {
        if (uri.getPath().startsWith("/api/")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("status", status);
            body.put("error", key);
            body.put("message", detail != null ? detail : MessageText.english(key));
            if (incident != null) {
                body.put("incident", incident);
            }
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        TemplateInstance page = Templates.error(status, key, incident, detail, null).setLocale(current.locale());
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
