package io.buzon.pop3.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** HAProxy PROXY protocol v1/v2 in front of the listeners (a load balancer keeps the client's address). */
@ConfigMapping(prefix = "buzon.proxy-protocol")
public interface ProxyProtocolConfig {

    @WithDefault("false")
    boolean enabled();

    /** Peers allowed to send a PROXY header, as CIDR ranges or addresses; others are disconnected. */
    Optional<List<String>> trustedNetworks();
}
