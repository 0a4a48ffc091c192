package io.buzon.store.audit;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.Actor;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.ValidationException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit log of administrative changes. There is deliberately no update or delete.
 * {@link #record} joins the caller's transaction: the store's services call it inside the transaction of
 * the change they make, so a change and its audit record commit, or roll back, together.
 */
@ApplicationScoped
@StoreOperation
public class AuditLog {

    private static final int MAX_DETAIL = 10_000;

    /**
     * Appends a record stamped with the current time, in the caller's transaction.
     *
     * @param actor  who acted, and from where; required
     * @param action what was done, e.g. {@code account.create}; required
     * @param target what it was done to, e.g. a login; optional
     * @param detail free text; optional, truncated to 10,000 characters
     */
    @Transactional
    public AuditEntry record(Actor actor, String action, String target, String detail) {
        if (actor == null || action == null || action.isBlank()) {
            throw new ValidationException("an audit record needs an actor and an action");
        }
        AuditEntryEntity e = new AuditEntryEntity();
        e.at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        e.actor = truncate(actor.auditName().strip(), 320);
        e.action = truncate(action.strip(), 100);
        e.target = truncate(target, 500);
        e.sourceAddress = truncate(actor.sourceAddress(), 100);
        e.detail = truncate(detail, MAX_DETAIL);
        e.persistAndFlush();
        return e.toEntry();
    }

    /** Records matching {@code filter}, newest first. */
    @Transactional
    public Page<AuditEntry> search(AuditFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        add(where, params, "actor", filter.actor());
        add(where, params, "action", filter.action());
        add(where, params, "target", filter.target());
        if (filter.from() != null) {
            where.add("at >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("at < :to");
            params.and("to", filter.to());
        }
        Sort order = Sort.descending("at", "id");
        PanacheQuery<AuditEntryEntity> q = where.isEmpty()
                ? AuditEntryEntity.findAll(order)
                : AuditEntryEntity.find(String.join(" and ", where), order, params);
        List<AuditEntry> items = q.page(page.index(), page.size()).list().stream().map(AuditEntryEntity::toEntry).toList();
        return new Page<>(items, q.count(), page);
    }

    private static void add(List<String> where, Parameters params, String field, String value) {
        if (value != null && !value.isBlank()) {
            where.add(field + " = :" + field);
            params.and(field, value.strip());
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
