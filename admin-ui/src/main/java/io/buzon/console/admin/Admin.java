package io.buzon.console.admin;

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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An administrator of the console (not a mailbox user). */
@Entity
@Table(name = "console_admin")
public class Admin extends PanacheEntityBase {

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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "console_admin_domain", joinColumns = @JoinColumn(name = "admin_id"))
    @Column(name = "domain")
    public Set<String> domains = new TreeSet<>();

    public static Optional<Admin> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    public boolean isSuperAdmin() {
        return role == AdminRole.SUPER_ADMIN;
    }

    public boolean hasTotp() {
        return totpSecret != null;
    }

    /** Whether this admin may see and change the given domain (case-insensitive). */
    public boolean mayManage(String domain) {
        return isSuperAdmin() || (domain != null && domains.contains(domain.toLowerCase(Locale.ROOT)));
    }
}
