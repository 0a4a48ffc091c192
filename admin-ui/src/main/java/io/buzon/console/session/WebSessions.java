package io.buzon.console.session;

import io.buzon.console.ConsoleConfig;
import io.buzon.console.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Opens, resolves and ends browser sessions. A session lives until it has been idle for
 * {@code session-idle-timeout} or reaches {@code session-max-age}; a fresh token is issued at every login
 * step so a token planted before login never becomes authenticated (session fixation).
 */
@ApplicationScoped
public class WebSessions {

    public static final int TOKEN_BYTES = 32;

    @Inject
    ConsoleConfig config;

    /** The new session's cookie value (the only place it exists in clear) and its row. */
    public record Opened(String token, WebSession session) {
    }

    @Transactional
    public Opened open(SessionKind kind, String subject, boolean awaitingTotp, String sourceAddress) {
        String token = Secrets.randomToken(TOKEN_BYTES);
        OffsetDateTime now = OffsetDateTime.now();
        WebSession s = new WebSession();
        s.tokenHash = Secrets.sha256Hex(token);
        s.kind = kind;
        s.subject = subject;
        s.csrfToken = Secrets.randomToken(24);
        s.awaitingTotp = awaitingTotp;
        s.sourceAddress = truncate(sourceAddress, 64);
        s.createdAt = now;
        s.lastSeenAt = now;
        s.expiresAt = now.plus(config.sessionMaxAge());
        s.persist();
        return new Opened(token, s);
    }

    /** The live session for a cookie value, touching its idle timer; expired ones are removed. */
    @Transactional
    public Optional<WebSession> resolve(String token, SessionKind kind) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        WebSession s = WebSession.findById(Secrets.sha256Hex(token));
        if (s == null || s.kind != kind) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (now.isAfter(s.expiresAt) || now.isAfter(s.lastSeenAt.plus(config.sessionIdleTimeout()))) {
            s.delete();
            return Optional.empty();
        }
        // Touch at most once a minute: pages load several assets and each would otherwise write a row.
        if (s.lastSeenAt.isBefore(now.minusMinutes(1))) {
            s.lastSeenAt = now;
        }
        return Optional.of(s);
    }

    @Transactional
    public void close(String token) {
        if (token != null && !token.isBlank()) {
            WebSession.deleteById(Secrets.sha256Hex(token));
        }
    }

    /** Ends every session of a subject (after a password change or when an admin is disabled). */
    @Transactional
    public long closeAll(SessionKind kind, String subject) {
        return WebSession.delete("kind = ?1 and lower(subject) = lower(?2)", kind, subject);
    }

    @Transactional
    public long purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now();
        return WebSession.delete("expiresAt < ?1 or lastSeenAt < ?2", now, now.minus(config.sessionIdleTimeout()));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
