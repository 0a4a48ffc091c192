package io.buzon.store.websession;

import io.buzon.store.Secrets;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.job.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Opens, resolves and ends browser sessions, kept in the database so every replica behind a load balancer
 * knows every session. A session lives until it has been idle for {@code buzon.console.session-idle-timeout}
 * or reaches {@code buzon.console.session-max-age}; a fresh token is issued at every login step so a token
 * planted before login never becomes authenticated (session fixation). Only the SHA-256 of a cookie value
 * is stored, so a database dump hands out no live session.
 */
@ApplicationScoped
@StoreOperation
public class WebSessionService {

    public static final int TOKEN_BYTES = 32;

    @Inject
    ClusterJobs jobs;

    @Inject
    WebAccessConfig config;

    /** The new session's cookie value (the only place it exists in clear) and the session. */
    public record Opened(String token, WebSession session) {
    }

    @Transactional
    public Opened open(SessionKind kind, String subject, boolean awaitingTotp, String sourceAddress) {
        String token = Secrets.randomToken(TOKEN_BYTES);
        OffsetDateTime now = OffsetDateTime.now();
        WebSessionEntity s = new WebSessionEntity();
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
        return new Opened(token, s.toSession());
    }

    /** The live session for a cookie value, touching its idle timer; an expired one is removed. */
    @Transactional
    public Optional<WebSession> resolve(String token, SessionKind kind) {
        return live(token, kind).map(WebSessionEntity::toSession);
    }

    private Optional<WebSessionEntity> live(String token, SessionKind kind) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        WebSessionEntity s = WebSessionEntity.findById(Secrets.sha256Hex(token));
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
            WebSessionEntity.deleteById(Secrets.sha256Hex(token));
        }
    }

    /** Ends every session of a subject (credentials changed, admin disabled or deleted). */
    @Transactional
    public long closeAll(SessionKind kind, String subject) {
        return WebSessionEntity.delete("kind = ?1 and lower(subject) = lower(?2)", kind, subject);
    }

    /** Ends every session of a subject but the one whose cookie value is {@code keepToken}. */
    @Transactional
    public long closeOthers(SessionKind kind, String subject, String keepToken) {
        String keep = keepToken == null ? "" : Secrets.sha256Hex(keepToken);
        return WebSessionEntity.delete("kind = ?1 and lower(subject) = lower(?2) and tokenHash <> ?3", kind, subject, keep);
    }

    /**
     * Starts enrolling a second factor in the session of {@code token}: a new secret is kept in the session
     * row, never in the page, so the browser cannot choose it.
     *
     * @return the secret to show as a QR code, or empty when the session is gone
     */
    @Transactional
    public Optional<String> startTotpEnrolment(String token, SessionKind kind, String secret) {
        return live(token, kind).map(s -> {
            s.pendingTotpSecret = secret;
            return secret;
        });
    }

    /** The secret being enrolled in this session, if an enrolment was started. */
    @Transactional
    public Optional<String> pendingTotpSecret(String token, SessionKind kind) {
        return live(token, kind).map(s -> s.pendingTotpSecret);
    }

    /** Forgets the pending enrolment secret (enrolled, or abandoned). */
    @Transactional
    public void endTotpEnrolment(String token, SessionKind kind) {
        live(token, kind).ifPresent(s -> s.pendingTotpSecret = null);
    }

    /** Every {@code buzon.console.session-purge-interval}, on the one replica that leads the job. */
    @Scheduled(identity = "web-session-purge", every = "${buzon.console.session-purge-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeJob() {
        if (jobs.tryLead("web-session-purge", Duration.ofMinutes(5))) {
            purgeExpired();
        }
    }

    /**
     * Deletes sessions that expired or went idle: resolving one removes it too, but a session nobody comes
     * back to would otherwise stay forever.
     *
     * @return how many were deleted
     */
    @Transactional
    public long purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now();
        return WebSessionEntity.delete("expiresAt < ?1 or lastSeenAt < ?2", now, now.minus(config.sessionIdleTimeout()));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
