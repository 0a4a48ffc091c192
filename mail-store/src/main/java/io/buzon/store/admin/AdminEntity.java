package io.buzon.store.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Row of {@code console_admin}; the rest of the platform sees {@link ConsoleAdmin}. */
@Entity
@Table(name = "console_admin")
public class AdminEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public AdminRole role;

    @Column(name = "totp_secret")
    public String totpSecret;

    /** The last TOTP step accepted for this admin (enrolment included); a code is never accepted twice. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    public boolean enabled = true;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_login_at")
    public OffsetDateTime lastLoginAt;

    /** The domains a domain admin manages, by id (V61); a grant ends with its domain. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "console_admin_grant", joinColumns = @JoinColumn(name = "admin_id"))
    @Column(name = "domain_id")
    public Set<Long> domainIds = new HashSet<>();

    static Optional<AdminEntity> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResultOptional();
    }
}
