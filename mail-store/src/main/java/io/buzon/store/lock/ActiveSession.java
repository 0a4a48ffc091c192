package io.buzon.store.lock;

import java.time.Instant;

/** A held maildrop lease as the console lists it. */
public record ActiveSession(long accountId, String login, String ownerId, String instanceId, Instant acquiredAt,
                            Instant heartbeatAt, Instant expiresAt, String remoteAddress, boolean tls,
                            long bytesSent, boolean terminateRequested) {
}
