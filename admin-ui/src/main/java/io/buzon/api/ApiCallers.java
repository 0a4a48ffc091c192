package io.buzon.api;

import io.buzon.console.ApiConfig;
import io.buzon.store.Secrets;
import io.buzon.store.apitoken.ApiTokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Who a bearer value belongs to: the one key from {@code buzon.api.key} (BUZON_API_KEY, for provisioning
 * scripts set up with the deployment), or a token created in the console.
 */
@ApplicationScoped
public class ApiCallers {

    public static final String CONFIG_KEY_NAME = "BUZON_API_KEY";

    @Inject
    ApiConfig config;

    @Inject
    ApiTokenService tokens;

    /** The caller's name as the audit log shows it after {@code api:}, or empty. */
    public Optional<String> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 200) {
            return Optional.empty();
        }
        Optional<String> configured = config.key().filter(k -> !k.isBlank());
        if (configured.isPresent() && Secrets.constantTimeEquals(configured.get(), bearer)) {
            return Optional.of(CONFIG_KEY_NAME);
        }
        return tokens.authenticate(bearer).map(name -> "token:" + name);
    }
}
