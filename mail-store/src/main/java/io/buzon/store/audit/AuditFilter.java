package io.buzon.store.audit;

import java.time.Instant;

/**
 * Audit search criteria; {@code null} fields do not filter. Actor, action and target match exactly;
 * {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditFilter(String actor, String action, String target, Instant from, Instant to) {

    /** Matches every record. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null);
    }
}
