package io.buzon.console.web;

import io.buzon.console.ConsoleConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * With {@code buzon.console.enabled=false} (a POP3-only or LMTP-only replica) the console, self-service
 * pages, their assets and the JSON API answer 404, ahead of every other route; health and metrics stay.
 */
@ApplicationScoped
public class ConsoleSwitch {

    static final List<String> PREFIXES = List.of("/console", "/me", "/api/v1");

    @Inject
    ConsoleConfig config;

    void install(@Observes Router router) {
        if (config.enabled()) {
            return;
        }
        for (String prefix : PREFIXES) {
            router.route(prefix).order(-10_000).handler(rc -> rc.response().setStatusCode(404).end());
            router.route(prefix + "/*").order(-10_000).handler(rc -> rc.response().setStatusCode(404).end());
        }
    }
}
