package io.buzon.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;


/**
 * Settings of the admin console read by the console itself; every key is documented in docs/CONSOLE.md.
 * The keys the store's services read under the same prefix (session lifetimes, login throttling, the
 * retention schedule) are declared where they are used.
 */
@ConfigMapping(prefix = "buzon.console")
public interface ConsoleConfig {

    /** When false, /console, /me and /api answer 404; health and metrics stay up. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The 0.1 name of {@code buzon.admin-password}, still read (with a warning) until 0.3; see
     * {@link io.buzon.console.admin.BootstrapAdmin}.
     */
    java.util.Optional<String> adminPassword();

    /** Rows per page in lists. */
    @WithDefault("25")
    int pageSize();
}
