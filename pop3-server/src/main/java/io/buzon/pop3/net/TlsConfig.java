package io.buzon.pop3.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** TLS material shared by the listeners: PEM files (e.g. a Kubernetes Secret mount) or a generated certificate. */
@ConfigMapping(prefix = "buzon.tls")
public interface TlsConfig {

    /** PEM certificate chain; empty generates a self-signed certificate at start. */
    Optional<String> certFile();

    /** PEM private key (PKCS#8 or PKCS#1). */
    Optional<String> keyFile();

    /** How often the files' modification times are checked for a reload. */
    @WithDefault("30s")
    Duration reloadInterval();

    /** {@code openssl} (BoringSSL through netty-tcnative; falls back to the JDK where it cannot load) or {@code jdk}. */
    @WithDefault("openssl")
    TlsEngine engine();
}
