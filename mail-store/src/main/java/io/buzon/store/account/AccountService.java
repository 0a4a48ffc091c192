package io.buzon.store.account;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.Actor;
import io.buzon.store.ConflictException;
import io.buzon.store.NotFoundException;
import io.buzon.store.Page;
import io.buzon.store.PageRequest;
import io.buzon.store.ValidationException;
import io.buzon.store.domain.DomainEntity;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.lock.Lease;
import io.buzon.store.lock.MaildropLockService;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordRefusedException;
import io.buzon.store.password.PasswordService;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mailbox accounts. Every change takes the {@link Actor} who asks for it and writes its audit record in
 * the same transaction. All methods block; call them from worker threads.
 */
@ApplicationScoped
@StoreOperation
public class AccountService {

    @Inject
    MaildropService maildrops;

    @Inject
    MaildropLockService locks;

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    PasswordService passwords;

    /**
     * Creates an enabled account without a password in an existing domain.
     *
     * @param login       {@code local@domain}, any case; stored lower-case
     * @param displayName optional name shown in the console
     * @throws ValidationException if the login is malformed
     * @throws NotFoundException   if the domain does not exist
     * @throws ConflictException   if the login is taken
     */
    @Transactional
    public Account create(Actor actor, String login, String displayName) {
        Account created = insert(login, displayName);
        audit.record(actor, "account.create", created.login(), null);
        return created;
    }

    /**
     * Creates a mailbox in one step and one transaction: the account, its password (checked against the
     * policy) and, when given, its own quota. A password the policy refuses leaves nothing behind.
     *
     * @throws PasswordRefusedException with the policy's reasons; nothing was created
     */
    @Transactional
    public Account provision(Actor actor, NewAccount account) {
        checkQuota(account.quotaBytes(), account.quotaMessages());
        Account created = insert(account.login(), account.displayName());
        if (account.quotaBytes() != null || account.quotaMessages() != null) {
            AccountEntity entity = load(created.id());
            entity.quotaBytes = account.quotaBytes();
            entity.quotaMessages = account.quotaMessages();
            created = entity.toAccount();
        }
        audit.record(actor, "account.create", created.login(), quotaDetail(created));
        PasswordChangeResult result = passwords.setPassword(actor, created.id(),
                account.password() == null ? "" : account.password());
        if (!result.accepted()) {
            throw new PasswordRefusedException(result.violations());
        }
        return created;
    }

    private Account insert(String login, String displayName) {
        LoginName name = LoginName.parse(login);
        // share lock: the domain cannot be deleted half-way through creating an account in it
        DomainEntity domain = DomainEntity.<DomainEntity>find("name", name.domain())
                .withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("domain " + name.domain() + " does not exist")
                        .withReason("DOMAIN_MISSING"));
        if (AccountEntity.count("login", name.login()) > 0) {
            throw new ConflictException("account " + name.login() + " already exists").withReason("ACCOUNT_EXISTS");
        }
        AccountEntity entity = new AccountEntity();
        entity.domain = domain;
        entity.localPart = name.localPart();
        entity.login = name.login();
        entity.displayName = cleanDisplayName(displayName);
        entity.enabled = true;
        entity.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        entity.persistAndFlush();
        return entity.toAccount();
    }

    /** Finds an account by login; the whole login is compared case-insensitively. */
    @Transactional
    public Optional<Account> findByLogin(String login) {
        LoginName name;
        try {
            name = LoginName.parse(login);
        } catch (ValidationException e) {
            return Optional.empty();
        }
        return AccountEntity.<AccountEntity>find("login", name.login()).firstResultOptional()
                .map(AccountEntity::toAccount);
    }

    /** Finds an account by id. */
    @Transactional
    public Optional<Account> find(long id) {
        return AccountEntity.<AccountEntity>findByIdOptional(id).map(AccountEntity::toAccount);
    }

    /** Lists accounts matching {@code filter} in {@code sort} order, one page at a time. */
    @Transactional
    public Page<Account> list(AccountFilter filter, AccountSort sort, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.domain() != null && !filter.domain().isBlank()) {
            where.add("domain.name = :domain");
            params.and("domain", filter.domain().trim().toLowerCase(Locale.ROOT));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            where.add("(login like :search or lower(displayName) like :search)");
            params.and("search", "%" + escapeLike(filter.search().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.enabled() != null) {
            where.add("enabled = :enabled");
            params.and("enabled", filter.enabled());
        }
        Sort order = Sort.by(sort.field().property,
                sort.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending).and("id");
        String query = String.join(" and ", where);
        PanacheQuery<AccountEntity> q = query.isEmpty()
                ? AccountEntity.findAll(order)
                : AccountEntity.find(query, order, params);
        List<Account> items = q.page(page.index(), page.size()).list().stream().map(AccountEntity::toAccount).toList();
        return new Page<>(items, q.count(), page);
    }

    /**
     * Changes the display name ({@code null} or blank clears it).
     *
     * @throws NotFoundException if there is no such account
     */
    @Transactional
    public Account update(Actor actor, long id, String displayName) {
        AccountEntity entity = load(id);
        entity.displayName = cleanDisplayName(displayName);
        audit.record(actor, "account.update", entity.login, "displayName");
        return entity.toAccount();
    }

    /**
     * Enables or disables an account. A disabled account receives no mail and cannot log in.
     *
     * @throws NotFoundException if there is no such account
     */
    @Transactional
    public Account setEnabled(Actor actor, long id, boolean enabled) {
        AccountEntity entity = load(id);
        entity.enabled = enabled;
        audit.record(actor, enabled ? "account.enable" : "account.disable", entity.login, null);
        return entity.toAccount();
    }

    /**
     * Sets the account's own quota ({@code null} = use the domain default). Existing mail is kept even when
     * the new quota is below current usage; further deliveries are refused.
     *
     * @throws NotFoundException if there is no such account
     */
    @Transactional
    public Account setQuota(Actor actor, long id, Long quotaBytes, Long quotaMessages) {
        checkQuota(quotaBytes, quotaMessages);
        AccountEntity entity = load(id);
        entity.quotaBytes = quotaBytes;
        entity.quotaMessages = quotaMessages;
        Account updated = entity.toAccount();
        audit.record(actor, "account.quota", updated.login(), quotaDetail(updated));
        return updated;
    }

    private static void checkQuota(Long quotaBytes, Long quotaMessages) {
        if (quotaBytes != null && quotaBytes < 0 || quotaMessages != null && quotaMessages < 0) {
            throw new ValidationException("a quota must be zero or more (or empty for the domain default)")
                    .withReason("QUOTA_NEGATIVE");
        }
    }

    private static String quotaDetail(Account a) {
        return "quotaBytes=" + a.quotaBytes() + " quotaMessages=" + a.quotaMessages();
    }

    /**
     * Deletes an account with all its mail, releasing shared content, in one transaction, under its
     * maildrop lease: while a POP3 session has the mailbox open the deletion is refused
     * ({@link io.buzon.store.lock.MaildropInUseException}), so no session's snapshot changes under it.
     * Rows kept per account elsewhere reference {@code account(id) on delete cascade}.
     *
     * @return the account as it was, with the usage that was deleted
     * @throws NotFoundException if there is no such account
     */
    @Transactional
    public Account delete(Actor actor, long id) {
        AccountEntity entity = load(id);
        Account account = entity.toAccount();
        // the row goes by SQL below (database cascades); a managed copy would be flushed as stale later
        AccountEntity.getEntityManager().detach(entity);
        Lease hold = locks.holdForChange(id);
        maildrops.deleteAllMail(hold);
        Sql.execute(dataSource, "delete account", c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from account where id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        });
        audit.record(actor, "account.delete", account.login(),
                "messages=" + account.usedMessages() + " bytes=" + account.usedBytes());
        return account;
    }

    /** Deletes every account of a domain, as {@link #delete(Actor, long)} does; returns how many. */
    @Transactional
    public int deleteAllOfDomain(Actor actor, long domainId) {
        List<Long> ids = Sql.run(dataSource, "list domain accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from account where domain_id = ? order by id")) {
                ps.setLong(1, domainId);
                List<Long> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
                return found;
            }
        });
        ids.forEach(id -> delete(actor, id));
        return ids.size();
    }

    private static AccountEntity load(long id) {
        return AccountEntity.<AccountEntity>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no account with id " + id));
    }

    private static String cleanDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > 200) {
            throw new ValidationException("display name is longer than 200 characters").withReason("DISPLAY_NAME_TOO_LONG");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("display name must not contain control characters")
                    .withReason("DISPLAY_NAME_CONTROL");
        }
        return trimmed;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
