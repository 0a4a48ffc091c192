package io.buzon.store.audit;

import java.time.Instant;

/** One audit record: who did what to what, when, from where. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String sourceAddress,
                         String detail) {
}
