package io.buzon.store.domain;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.Actor;
import io.buzon.store.ConflictException;
import io.buzon.store.NotFoundException;
import io.buzon.store.ValidationException;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * Creates, reads, changes and deletes mail domains; every change takes the {@link Actor} who asks for it and
 * writes its audit record in the same transaction. All methods block; call them from worker threads.
 */
@ApplicationScoped
@StoreOperation
public class DomainService {

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    /**
     * Creates a domain.
     *
     * @param name                 domain name, any case; stored lower-case
     * @param defaultQuotaBytes    default mailbox size limit for its accounts, {@code null} = unlimited
     * @param defaultQuotaMessages default message count limit, {@code null} = unlimited
     * @throws ValidationException if the name or a quota is invalid
     * @throws ConflictException   if the domain already exists
     */
    @Transactional
    public Domain create(Actor actor, String name, Long defaultQuotaBytes, Long defaultQuotaMessages) {
        String normalised = DomainNames.normalise(name);
        checkQuota(defaultQuotaBytes, defaultQuotaMessages);
        if (DomainEntity.count("name", normalised) > 0) {
            throw new ConflictException("domain " + normalised + " already exists").withReason("DOMAIN_EXISTS");
        }
        DomainEntity entity = new DomainEntity();
        entity.name = normalised;
        entity.defaultQuotaBytes = defaultQuotaBytes;
        entity.defaultQuotaMessages = defaultQuotaMessages;
        entity.enabled = true;
        // PostgreSQL keeps microseconds; truncating here makes the returned value equal to what is read back
        entity.createdAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        entity.persistAndFlush();
        Domain created = entity.toDomain();
        audit.record(actor, "domain.create", "domain:" + created.name(), quotaDetail(created));
        return created;
    }

    /** Finds a domain by name, case-insensitively. */
    @Transactional
    public Optional<Domain> find(String name) {
        String normalised;
        try {
            normalised = DomainNames.normalise(name);
        } catch (ValidationException e) {
            return Optional.empty();
        }
        return DomainEntity.<DomainEntity>find("name", normalised).firstResultOptional().map(DomainEntity::toDomain);
    }

    /** Finds a domain by id. */
    @Transactional
    public Optional<Domain> find(long id) {
        return DomainEntity.<DomainEntity>findByIdOptional(id).map(DomainEntity::toDomain);
    }

    /** All domains ordered by name. */
    @Transactional
    public List<Domain> list() {
        return DomainEntity.<DomainEntity>list("order by name").stream().map(DomainEntity::toDomain).toList();
    }

    /**
     * Sets the default quotas of a domain's accounts ({@code null} = unlimited).
     *
     * @throws NotFoundException if there is no such domain
     */
    @Transactional
    public Domain setDefaultQuota(Actor actor, long id, Long defaultQuotaBytes, Long defaultQuotaMessages) {
        checkQuota(defaultQuotaBytes, defaultQuotaMessages);
        DomainEntity entity = load(id);
        entity.defaultQuotaBytes = defaultQuotaBytes;
        entity.defaultQuotaMessages = defaultQuotaMessages;
        Domain updated = entity.toDomain();
        audit.record(actor, "domain.quota", "domain:" + updated.name(), quotaDetail(updated));
        return updated;
    }

    private static String quotaDetail(Domain d) {
        return "defaultQuotaBytes=" + d.defaultQuotaBytes() + " defaultQuotaMessages=" + d.defaultQuotaMessages();
    }

    /**
     * Enables or disables a domain. Accounts of a disabled domain receive no mail and cannot log in.
     *
     * @throws NotFoundException if there is no such domain
     */
    @Transactional
    public Domain setEnabled(Actor actor, long id, boolean enabled) {
        DomainEntity entity = load(id);
        entity.enabled = enabled;
        audit.record(actor, enabled ? "domain.enable" : "domain.disable", "domain:" + entity.name, null);
        return entity.toDomain();
    }

    /**
     * Deletes a domain with all its accounts and their mail, releasing the shared content those messages
     * referenced, in one transaction. Refused as a whole while any of its mailboxes is open in a POP3
     * session ({@link io.buzon.store.lock.MaildropInUseException}).
     *
     * @return the number of accounts deleted
     * @throws NotFoundException if there is no such domain
     */
    @Transactional
    public int delete(Actor actor, long id) {
        // exclusive row lock: an account being created in this domain (which holds a share lock) either
        // commits first and is deleted too, or waits and then finds the domain gone
        DomainEntity entity = DomainEntity.<DomainEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("no domain with id " + id));
        long[] usage = usage(id);
        int deleted = accounts.deleteAllOfDomain(actor, id);
        entity.delete();
        audit.record(actor, "domain.delete", "domain:" + entity.name,
                "accounts=" + deleted + " messages=" + usage[0] + " bytes=" + usage[1]);
        return deleted;
    }

    /** Messages and octets stored in the domain's mailboxes, for the record of its deletion. */
    private long[] usage(long domainId) {
        return Sql.run(dataSource, "sum domain usage", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(sum(used_messages), 0), coalesce(sum(used_bytes), 0) from account where domain_id = ?")) {
                ps.setLong(1, domainId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    private static DomainEntity load(long id) {
        return DomainEntity.<DomainEntity>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no domain with id " + id));
    }

    static void checkQuota(Long bytes, Long messages) {
        if (bytes != null && bytes < 0 || messages != null && messages < 0) {
            throw new ValidationException("a quota must be zero or more (or empty for unlimited)")
                    .withReason("QUOTA_NEGATIVE");
        }
    }
}
