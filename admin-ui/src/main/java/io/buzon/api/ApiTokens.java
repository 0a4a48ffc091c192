package io.buzon.api;

import io.buzon.console.ApiConfig;
import io.buzon.console.ConsoleException;
import io.buzon.console.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Issues, checks and revokes API tokens; also accepts the one key from {@code buzon.api.key}. */
@ApplicationScoped
public class ApiTokens {

    public static final String PREFIX = "bzn_";
    public static final String CONFIG_KEY_NAME = "BUZON_API_KEY";

    @Inject
    ApiConfig config;

    /** A new token: the clear value to show once, and the stored row. */
    public record Issued(String token, ApiToken row) {
    }

    @Transactional
    public Issued issue(String name, String createdBy) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new ConsoleException("error_token_name");
        }
        String token = PREFIX + Secrets.randomToken(32);
        ApiToken row = new ApiToken();
        row.name = trimmed;
        row.tokenHash = Secrets.sha256Hex(token);
        row.tokenPrefix = token.substring(0, 10);
        row.createdBy = createdBy;
        row.persist();
        return new Issued(token, row);
    }

    /** The name of the caller the bearer value belongs to (token name, or BUZON_API_KEY), recording use. */
    @Transactional
    public Optional<String> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 200) {
            return Optional.empty();
        }
        Optional<String> configured = config.key().filter(k -> !k.isBlank());
        if (configured.isPresent() && Secrets.constantTimeEquals(configured.get(), bearer)) {
            return Optional.of(CONFIG_KEY_NAME);
        }
        ApiToken row = ApiToken.find("tokenHash", Secrets.sha256Hex(bearer)).firstResult();
        if (row == null || !row.isActive()) {
            return Optional.empty();
        }
        row.lastUsedAt = OffsetDateTime.now();
        return Optional.of("token:" + row.name);
    }

    @Transactional
    public ApiToken revoke(long id) {
        ApiToken row = ApiToken.findById(id);
        if (row == null) {
            throw new ConsoleException(404, "error_notFound");
        }
        if (row.revokedAt == null) {
            row.revokedAt = OffsetDateTime.now();
        }
        return row;
    }

    @Transactional
    public List<ApiToken> list() {
        return ApiToken.list("order by createdAt desc");
    }
}
