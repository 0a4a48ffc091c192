package io.buzon.console.audit;

import io.buzon.console.web.ConsoleRequest;
import io.buzon.store.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes what the console and the API change to the store's append-only audit log, with the acting admin
 * (or API token, or mailbox user) and source address taken from the current request.
 */
@ApplicationScoped
public class Audit {

    @Inject
    ConsoleRequest current;

    @Inject
    AuditLog log;

    public void record(String action, String target, String detail) {
        record(current.actor(), action, target, current.sourceAddress(), detail);
    }

    public void record(String actor, String action, String target, String sourceAddress, String detail) {
        log.record(actor, action, target, sourceAddress, detail);
    }
}
