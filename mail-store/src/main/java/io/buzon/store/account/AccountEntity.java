package io.buzon.store.account;

import io.buzon.store.domain.DomainEntity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/**
 * Row of table {@code account}. Usage counters and {@code next_uid} are changed only by SQL in the
 * delivery and removal paths (under a row lock), so they are read-only here and an entity update can
 * never write back a stale value; {@link DynamicUpdate} keeps updates to the columns actually changed.
 */
@Entity
@Table(name = "account")
@DynamicUpdate
public class AccountEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_id", nullable = false, updatable = false)
    public DomainEntity domain;

    @Column(name = "local_part", nullable = false, updatable = false)
    public String localPart;

    @Column(nullable = false, updatable = false)
    public String login;

    @Column(name = "display_name")
    public String displayName;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "quota_bytes")
    public Long quotaBytes;

    @Column(name = "quota_messages")
    public Long quotaMessages;

    @Column(name = "used_bytes", insertable = false, updatable = false)
    public long usedBytes;

    @Column(name = "used_messages", insertable = false, updatable = false)
    public long usedMessages;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    Account toAccount() {
        return new Account(id, domain.id, domain.name, localPart, login, displayName, enabled, domain.enabled,
                quotaBytes, quotaMessages, usedBytes, usedMessages, createdAt);
    }
}
