package io.buzon.ops;

import io.buzon.lmtp.LmtpConfig;
import io.buzon.lmtp.LmtpServer;
import io.buzon.pop3.server.Pop3Config;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.pop3.server.Pop3sConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every listener this pod's role enables is bound: a mail pod whose POP3S listener failed
 * to bind (bad key pair, port taken) must not receive the load balancer's connections. Listeners switched
 * off by role (the console pods) are reported as "disabled" and do not count.
 */
@Readiness
@ApplicationScoped
public class ListenersReadinessCheck implements HealthCheck {

    static final String NAME = "listeners";
    static final String DISABLED = "disabled";

    private final Pop3Listeners pop3;
    private final LmtpServer lmtp;
    private final boolean pop3Enabled;
    private final boolean pop3sEnabled;
    private final boolean lmtpEnabled;

    ListenersReadinessCheck(Pop3Listeners pop3, LmtpServer lmtp, Pop3Config pop3Config, Pop3sConfig pop3sConfig,
                            LmtpConfig lmtpConfig) {
        this.pop3 = pop3;
        this.lmtp = lmtp;
        this.pop3Enabled = pop3Config.enabled();
        this.pop3sEnabled = pop3sConfig.enabled();
        this.lmtpEnabled = lmtpConfig.enabled();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = report(response, "pop3", pop3Enabled, pop3.pop3Port())
                & report(response, "pop3s", pop3sEnabled, pop3.pop3sPort())
                & report(response, "lmtp", lmtpEnabled, lmtp.port());
        return response.status(up).build();
    }

    /** Adds "name: port" (or "disabled" / "not bound") and says whether this listener is as it should be. */
    private static boolean report(HealthCheckResponseBuilder response, String name, boolean enabled, int port) {
        if (!enabled) {
            response.withData(name, DISABLED);
            return true;
        }
        if (port > 0) {
            response.withData(name, port);
            return true;
        }
        response.withData(name, "not bound");
        return false;
    }
}
