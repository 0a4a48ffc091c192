package io.buzon.store.retention;

/**
 * @param admitted          true when the login may proceed
 * @param delaySeconds      the account's LOGIN-DELAY
 * @param retryAfterSeconds when refused, seconds until a login will be admitted (rounded up); else 0
 */
public record LoginDelayDecision(boolean admitted, int delaySeconds, long retryAfterSeconds) {
}
