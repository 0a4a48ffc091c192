package io.buzon.store.importer;

import io.buzon.store.importer.ImportReport.AccountResult;
import io.buzon.store.importer.ImportReport.PasswordOutcome;
import io.buzon.store.importer.ImportReport.Skipped;
import io.buzon.store.ConflictException;
import io.buzon.store.StoreException;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.Actor;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.password.PasswordService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryRejectedException;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.Uidls;
import io.buzon.store.domain.DomainService;
import io.buzon.store.maildrop.MaildropEntry;
import io.buzon.store.maildrop.MaildropService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports users and mail from another server: a Dovecot passwd-file with Maildirs, or one mailbox from a
 * Maildir, an mbox file or {@code .eml} files. Each message keeps the POP3 UIDL clients already saw, and
 * an account + UIDL already present is skipped, so running an import twice imports nothing twice. Every
 * method blocks (it reads files and writes to PostgreSQL): call it from a worker thread.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final AccountService accounts;
    private final DomainService domains;
    private final DeliveryService delivery;
    private final MaildropService maildrops;
    private final PasswordService passwords;
    private final AuditLog audit;

    public ImportService(AccountService accounts, DomainService domains, DeliveryService delivery,
                         MaildropService maildrops, PasswordService passwords, AuditLog audit) {
        this.accounts = accounts;
        this.domains = domains;
        this.delivery = delivery;
        this.maildrops = maildrops;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** Imports every user of a Dovecot passwd-file, with their password hash and INBOX. */
    public ImportReport importDovecot(DovecotImport request, ImportProgress.Listener listener) throws IOException {
        Run run = new Run(listener);
        PasswdFile.Contents passwd = PasswdFile.read(request.passwdFile());
        passwd.problems().forEach(p -> run.problems.add(request.passwdFile().getFileName() + " line "
                + p.lineNumber() + ": " + p.reason()));
        run.accountsTotal = passwd.entries().size();
        for (PasswdEntry user : passwd.entries()) {
            try {
                importUser(request, user, run);
            } catch (IOException | StoreException e) {
                run.skipped.add(new Skipped(user.login(), null, "account not imported: " + e.getMessage()));
                LOG.warnf("import of %s failed: %s", user.login(), e.getMessage());
            }
            run.accountsDone++;
            run.report(null, 0, 0);
        }
        ImportReport report = run.finish();
        audit.record(request.actor(), "import.dovecot", request.passwdFile().toString(),
                report.accounts().size() + " accounts, " + report.importedMessages() + " messages imported, "
                        + report.skippedMessages() + " skipped");
        return report;
    }

    /** Imports a Maildir's INBOX into an existing account. */
    public ImportReport importMaildir(Actor actor, String login, Path maildir, ImportProgress.Listener listener)
            throws IOException {
        return single(actor, login, maildir, listener, (account, run) -> importMaildirInto(account, maildir, run));
    }

    /** Imports every message of an mbox file into an existing account. */
    public ImportReport importMbox(Actor actor, String login, Path mbox, ImportProgress.Listener listener)
            throws IOException {
        return single(actor, login, mbox, listener, (account, run) -> {
            Set<String> existing = existingUidls(account.id());
            Path spool = Files.createTempDirectory("buzon-mbox");
            try {
                int[] done = {0};
                MboxReader.read(mbox, spool, m -> {
                    importMessage(account, m, existing, run);
                    run.report(account.login(), ++done[0], -1);
                });
            } finally {
                Files.deleteIfExists(spool);
            }
        });
    }

    /** Imports {@code .eml} files (a directory of them, or one file) into an existing account. */
    public ImportReport importEml(Actor actor, String login, Path emlDirOrFile, ImportProgress.Listener listener)
            throws IOException {
        return single(actor, login, emlDirOrFile, listener, (account, run) -> {
            Set<String> existing = existingUidls(account.id());
            List<MessageSource> messages = EmlReader.read(emlDirOrFile);
            int done = 0;
            for (MessageSource m : messages) {
                importMessage(account, m, existing, run);
                run.report(account.login(), ++done, messages.size());
            }
        });
    }

    // ------------------------------------------------------------------------------------------ internals

    @FunctionalInterface
    private interface MailboxImport {
        void run(Account account, Run run) throws IOException;
    }

    private ImportReport single(Actor actor, String login, Path source, ImportProgress.Listener listener,
                                MailboxImport work) throws IOException {
        Run run = new Run(listener);
        run.accountsTotal = 1;
        Optional<Account> account = accounts.findByLogin(login);
        if (account.isEmpty()) {
            run.skipped.add(new Skipped(login, null, "no such account; create it first"));
            return run.finish();
        }
        run.startAccount();
        work.run(account.get(), run);
        run.accounts.add(new AccountResult(account.get().login(), false, PasswordOutcome.NOT_APPLICABLE,
                run.accountImported, run.accountSkipped, source.toString()));
        run.accountsDone = 1;
        run.report(null, 0, 0);
        ImportReport report = run.finish();
        audit.record(actor, "import.mailbox", account.get().login(),
                source + ": " + report.importedMessages() + " imported, " + report.skippedMessages() + " skipped");
        return report;
    }

    private void importUser(DovecotImport request, PasswdEntry user, Run run) throws IOException {
        String login = user.login();
        if (user.domain().isEmpty()) {
            run.skipped.add(new Skipped(user.user(), null, "user name has no @domain; Buzón logins are local@domain"));
            return;
        }
        String domain = user.domain().get();
        if (domains.find(domain).isEmpty()) {
            if (!request.createDomains()) {
                run.skipped.add(new Skipped(login, null, "domain " + domain + " does not exist"));
                return;
            }
            try {
                domains.create(request.actor(), domain, null, null);
            } catch (ConflictException e) {
                // created by a concurrent import: fine
            }
        }
        run.startAccount();
        boolean created = false;
        Account account = accounts.findByLogin(login).orElse(null);
        if (account == null) {
            account = accounts.create(request.actor(), login, null);
            created = true;
        }
        PasswordOutcome password;
        if (!created) {
            password = PasswordOutcome.KEPT_EXISTING;
        } else if (user.importableHash().isPresent() && importHash(account, user, request.actor())) {
            password = PasswordOutcome.IMPORTED;
        } else {
            password = PasswordOutcome.UNSUPPORTED_SCHEME;
            run.skipped.add(new Skipped(login, null, "password not imported: scheme {" + user.scheme()
                    + "} is not supported (bcrypt, SHA512-CRYPT and argon2 are); set a new one"));
        }
        Optional<Path> maildir = locateMaildir(request, user);
        if (maildir.isEmpty()) {
            run.skipped.add(new Skipped(login, null, "no Maildir found for this user"));
        } else {
            importMaildirInto(account, maildir.get(), run);
        }
        run.accounts.add(new AccountResult(login, created, password, run.accountImported, run.accountSkipped,
                maildir.map(Path::toString).orElse(null)));
    }

    private boolean importHash(Account account, PasswdEntry user, Actor actor) {
        try {
            passwords.importPasswordHash(actor, account.id(), user.importableHash().orElseThrow());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void importMaildirInto(Account account, Path maildir, Run run) throws IOException {
        MaildirReader.Listing listing = MaildirReader.read(maildir);
        for (String folder : listing.skippedFolders()) {
            run.skipped.add(new Skipped(account.login(), folder,
                    "folder not imported: POP3 serves only the INBOX"));
        }
        Set<String> existing = existingUidls(account.id());
        int done = 0;
        for (MessageSource m : listing.messages()) {
            importMessage(account, m, existing, run);
            run.report(account.login(), ++done, listing.messages().size());
        }
    }

    private Set<String> existingUidls(long accountId) {
        return maildrops.open(accountId).entries().stream().map(MaildropEntry::uidl)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private void importMessage(Account account, MessageSource m, Set<String> existing, Run run) throws IOException {
        String uidl = m.uidl();
        if (!Uidls.isValid(uidl)) {
            run.skip(account.login(), m.origin(), "stored UIDL is not valid for POP3 (1-70 printable characters)");
            return;
        }
        if (existing.contains(uidl)) {
            run.skip(account.login(), m.origin(), "already imported (UIDL " + uidl + ")");
            return;
        }
        if (Files.size(m.file()) == 0) {
            run.skip(account.login(), m.origin(), "empty file");
            return;
        }
        try (InputStream in = m.open()) {
            DeliveredMessage stored = delivery.deliverOne(account.id(), in, uidl, m.receivedAt());
            existing.add(uidl);
            run.imported(stored.size());
        } catch (ConflictException e) {
            existing.add(uidl);
            run.skip(account.login(), m.origin(), "already imported (UIDL " + uidl + ")");
        } catch (DeliveryRejectedException e) {
            run.skip(account.login(), m.origin(), e.getMessage());
        }
    }

    private Optional<Path> locateMaildir(DovecotImport request, PasswdEntry user) {
        List<Path> candidates = new ArrayList<>();
        String home = user.home();
        if (request.maildirRoot().isPresent()) {
            Path root = request.maildirRoot().get();
            if (request.maildirTemplate().isPresent()) {
                candidates.add(root.resolve(DovecotImport.expand(request.maildirTemplate().get(), user)));
            } else {
                for (String layout : DovecotImport.USUAL_LAYOUTS) {
                    candidates.add(root.resolve(DovecotImport.expand(layout, user)));
                }
            }
        } else {
            String mail = user.extraFields().getOrDefault("userdb_mail", "");
            if (mail.startsWith("maildir:")) {
                String location = mail.substring("maildir:".length()).split(":")[0];
                candidates.add(Path.of(location.startsWith("~") ? home + location.substring(1) : location));
            }
            if (!home.isEmpty()) {
                candidates.add(Path.of(home, "Maildir"));
                candidates.add(Path.of(home));
            }
        }
        return candidates.stream().filter(MaildirReader::isMaildir).findFirst();
    }

    /** Counters and lists of one import run. */
    private static final class Run {
        final ImportProgress.Listener listener;
        final long started = System.nanoTime();
        final List<AccountResult> accounts = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int accountsTotal;
        int accountsDone;
        long imported;
        long importedBytes;
        long skippedMessages;
        int accountImported;
        int accountSkipped;

        Run(ImportProgress.Listener listener) {
            this.listener = listener == null ? ImportProgress.Listener.NONE : listener;
        }

        void startAccount() {
            accountImported = 0;
            accountSkipped = 0;
        }

        void imported(long bytes) {
            imported++;
            importedBytes += bytes;
            accountImported++;
        }

        void skip(String login, String origin, String reason) {
            skipped.add(new Skipped(login, origin, reason));
            skippedMessages++;
            accountSkipped++;
        }

        void report(String account, int done, int total) {
            listener.progress(new ImportProgress(accountsDone, accountsTotal, account, done, total, imported,
                    skippedMessages));
        }

        ImportReport finish() {
            return new ImportReport(List.copyOf(accounts), List.copyOf(skipped), List.copyOf(problems), imported,
                    importedBytes, skippedMessages, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
