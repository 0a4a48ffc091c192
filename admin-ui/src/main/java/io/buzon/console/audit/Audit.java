package io.buzon.console.audit;

import io.buzon.console.web.ConsoleRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Records what the console changes, with the acting admin (or mailbox user) and source address taken
 * from the current request.
 */
@ApplicationScoped
public class Audit {

    private static final Logger LOG = Logger.getLogger("buzon.audit");

    @Inject
    ConsoleRequest current;

    public void record(String action, String target, String detail) {
        record(current.actor(), action, target, current.sourceAddress(), detail);
    }

    public void record(String actor, String action, String target, String sourceAddress, String detail) {
        LOG.infof("actor=%s action=%s target=%s from=%s %s", actor, action, target, sourceAddress, detail == null ? "" : detail);
    }
}
