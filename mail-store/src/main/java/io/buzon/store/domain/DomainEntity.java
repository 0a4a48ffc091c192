package io.buzon.store.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code domain}; only {@link DomainService} touches it. */
@Entity
@Table(name = "domain")
public class DomainEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(name = "default_quota_bytes")
    public Long defaultQuotaBytes;

    @Column(name = "default_quota_messages")
    public Long defaultQuotaMessages;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    Domain toDomain() {
        return new Domain(id, name, defaultQuotaBytes, defaultQuotaMessages, enabled, createdAt);
    }
}
