package io.buzon.store.apitoken;

import io.buzon.store.Actor;
import io.buzon.store.NotFoundException;
import io.buzon.store.Secrets;
import io.buzon.store.ValidationException;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.jdbc.StoreOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Issues, checks and revokes API tokens. The token is shown once; only its SHA-256 is stored. */
@ApplicationScoped
@StoreOperation
public class ApiTokenService {

    public static final String PREFIX = "bzn_";

    @Inject
    AuditLog audit;

    /** A new token: the clear value to show once, and what lists show of it. */
    public record Issued(String token, ApiToken row) {
    }

    @Transactional
    public Issued issue(Actor actor, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new ValidationException("a token needs a name of 1 to 100 characters").withReason("TOKEN_NAME");
        }
        String token = PREFIX + Secrets.randomToken(32);
        ApiTokenEntity row = new ApiTokenEntity();
        row.name = trimmed;
        row.tokenHash = Secrets.sha256Hex(token);
        row.tokenPrefix = token.substring(0, 10);
        row.createdBy = actor.auditName();
        row.persist();
        audit.record(actor, "api.token.create", "token:" + row.name, "prefix=" + row.tokenPrefix);
        return new Issued(token, row.toToken());
    }

    /** The name of the token a bearer value is, recording its use; empty for anything else. */
    @Transactional
    public Optional<String> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 200) {
            return Optional.empty();
        }
        ApiTokenEntity row = ApiTokenEntity.find("tokenHash", Secrets.sha256Hex(bearer)).firstResult();
        if (row == null || row.revokedAt != null) {
            return Optional.empty();
        }
        row.lastUsedAt = OffsetDateTime.now();
        return Optional.of(row.name);
    }

    @Transactional
    public ApiToken revoke(Actor actor, long id) {
        ApiTokenEntity row = ApiTokenEntity.findById(id);
        if (row == null) {
            throw new NotFoundException("no API token with id " + id);
        }
        if (row.revokedAt == null) {
            row.revokedAt = OffsetDateTime.now();
            audit.record(actor, "api.token.revoke", "token:" + row.name, "prefix=" + row.tokenPrefix);
        }
        return row.toToken();
    }

    @Transactional
    public List<ApiToken> list() {
        return ApiTokenEntity.<ApiTokenEntity>list("order by createdAt desc").stream().map(ApiTokenEntity::toToken).toList();
    }
}
