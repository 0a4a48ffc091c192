package io.buzon.store.websession;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Row of {@code console_session}; the primary key is the SHA-256 of the cookie value. */
@Entity
@Table(name = "console_session")
public class WebSessionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    public SessionKind kind;

    /** Admin user name, or mailbox login name (local@domain). */
    public String subject;

    @Column(name = "csrf_token")
    public String csrfToken;

    /** Password accepted, second factor still owed: only the TOTP page is reachable. */
    @Column(name = "awaiting_totp")
    public boolean awaitingTotp;

    @Column(name = "source_address")
    public String sourceAddress;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "last_seen_at")
    public OffsetDateTime lastSeenAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    /** The secret of a second factor being enrolled in this session (V61), never sent back by the browser. */
    @Column(name = "pending_totp_secret")
    public String pendingTotpSecret;

    WebSession toSession() {
        return new WebSession(tokenHash, kind, subject, csrfToken, awaitingTotp, sourceAddress, createdAt, lastSeenAt,
                expiresAt);
    }
}
