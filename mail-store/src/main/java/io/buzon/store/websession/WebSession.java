package io.buzon.store.websession;

import java.time.OffsetDateTime;

/**
 * A browser session of an admin ({@link SessionKind#ADMIN}) or of a mailbox user on the self-service pages.
 *
 * @param id           the SHA-256 of the cookie value (the cookie itself is stored nowhere)
 * @param subject      admin user name or mailbox login
 * @param awaitingTotp password accepted, second factor still owed: only the TOTP page is reachable
 */
public record WebSession(String id, SessionKind kind, String subject, String csrfToken, boolean awaitingTotp,
                         String sourceAddress, OffsetDateTime createdAt, OffsetDateTime lastSeenAt,
                         OffsetDateTime expiresAt) {
}
