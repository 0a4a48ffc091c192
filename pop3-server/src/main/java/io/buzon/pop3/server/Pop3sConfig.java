package io.buzon.pop3.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The implicit-TLS POP3S listener (RFC 8314). */
@ConfigMapping(prefix = "buzon.pop3s")
public interface Pop3sConfig {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("1995")
    int port();
}
