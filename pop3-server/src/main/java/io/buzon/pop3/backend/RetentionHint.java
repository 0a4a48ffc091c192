package io.buzon.pop3.backend;

import java.time.Duration;

/**
 * What CAPA announces about retention (RFC 2449 sections 6.5 and 6.7): days a retrieved message may stay
 * ({@code expireDays < 0} means never deleted by the server) and the minimum time between logins.
 */
public record RetentionHint(int expireDays, Duration loginDelay) {

    public static final RetentionHint NONE = new RetentionHint(-1, Duration.ZERO);

    public boolean expires() {
        return expireDays >= 0;
    }

    public boolean hasLoginDelay() {
        return !loginDelay.isZero() && !loginDelay.isNegative();
    }
}
