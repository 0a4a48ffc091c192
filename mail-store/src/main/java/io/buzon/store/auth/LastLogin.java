package io.buzon.store.auth;

import java.time.Instant;

/** The most recent successful login of an account. */
public record LastLogin(long accountId, Instant at, String service, String remoteAddress) {
}
