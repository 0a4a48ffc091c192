package io.buzon.console;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The JSON API's configuration-provided key (for provisioning at deploy time). */
@ConfigMapping(prefix = "buzon.api")
public interface ApiConfig {

    /** A bearer key accepted by /api/v1 besides the tokens created in the console; unset = none. */
    Optional<String> key();
}
