package io.buzon.store.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** Row of {@code audit_log}. {@link Immutable}: Hibernate never issues an UPDATE for it. */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(updatable = false)
    public String target;

    @Column(name = "source_address", updatable = false)
    public String sourceAddress;

    @Column(updatable = false)
    public String detail;

    AuditEntry toEntry() {
        return new AuditEntry(id, at, actor, action, target, sourceAddress, detail);
    }
}
