package io.buzon.bench.launcher;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Buzón configured as dovecot-setup.sh configures Dovecot: loopback high ports, the shared self-signed
 * certificate, USER/PASS allowed on loopback, connection limits high enough for the idle test, and the
 * production lease settings: the test configuration's 1 s heartbeat made sessions lose their maildrop
 * lease ("Maildrop lock lost") when the loaded machine delayed renewals. The packaged application
 * ({@code buzon-server.sh}) is what the documented benchmark runs; this launcher is kept for profiling
 * the server inside a Quarkus test.
 */
public class BuzonBenchProfile implements QuarkusTestProfile {

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String dir = env("BENCH_DIR", "/var/tmp/buzon-bench");
        return Map.ofEntries(
                Map.entry("buzon.pop3.host", "127.0.0.1"),
                Map.entry("buzon.pop3.port", env("BUZON_POP3_PORT", "3110")),
                Map.entry("buzon.pop3s.port", env("BUZON_POP3S_PORT", "3995")),
                Map.entry("buzon.pop3.allow-plaintext-auth", "true"),
                Map.entry("buzon.pop3.max-connections", "20000"),
                Map.entry("buzon.pop3.max-connections-per-address", "20000"),
                Map.entry("buzon.pop3.idle-timeout", "30m"),
                Map.entry("buzon.pop3.auth-failure-delay", "1s"),
                Map.entry("buzon.tls.cert-file", dir + "/tls/cert.pem"),
                Map.entry("buzon.tls.key-file", dir + "/tls/key.pem"),
                Map.entry("buzon.pop3.lease-heartbeat-interval", "20s"),
                Map.entry("buzon.store.lock.ttl", "120s"),
                Map.entry("quarkus.log.level", "WARN"));
    }
}
