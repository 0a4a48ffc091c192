package io.buzon.store.password;

/** TEMPORARY until the store branch's AuditLog is merged. */
final class PolicyAudit {
    private PolicyAudit() {
    }

    static void record(String actor, String action, String target, String detail) {
    }
}
