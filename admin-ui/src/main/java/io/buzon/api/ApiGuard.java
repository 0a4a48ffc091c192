package io.buzon.api;

import io.buzon.console.web.ConsoleRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.Optional;

/**
 * Every /api/v1 request must carry {@code Authorization: Bearer <token>} with a token created in the
 * console or the configured {@code buzon.api.key}; otherwise 401. Browsers' cookies play no part, so the
 * API needs no CSRF token.
 */
public class ApiGuard {

    @Inject
    ApiCallers tokens;

    @Inject
    ConsoleRequest current;

    @ServerRequestFilter(priority = 1000)
    public Optional<Response> guard(ContainerRequestContext ctx, HttpServerRequest http) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith("/api/v1")) {
            return Optional.empty();
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<String> caller = tokens.authenticate(bearer);
        if (caller.isEmpty()) {
            return Optional.of(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"buzon\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("status", 401, "error", "error_unauthorized", "message", "A valid API token is required."))
                    .build());
        }
        current.initApi(path, caller.get(), http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return Optional.empty();
    }
}
