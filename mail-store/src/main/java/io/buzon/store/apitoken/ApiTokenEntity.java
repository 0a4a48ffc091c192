package io.buzon.store.apitoken;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Row of {@code console_api_token}; only the token's SHA-256 and first characters are kept. */
@Entity
@Table(name = "console_api_token")
public class ApiTokenEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_prefix")
    public String tokenPrefix;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    ApiToken toToken() {
        return new ApiToken(id, name, tokenPrefix, createdBy, createdAt, lastUsedAt, revokedAt);
    }
}
