package io.buzon.app;

import io.buzon.store.Actor;
import io.buzon.store.importer.DovecotImport;
import io.buzon.store.importer.ImportProgress;
import io.buzon.store.importer.ImportReport;
import io.buzon.store.importer.ImportService;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar quarkus-run.jar import ...}: runs an import against the configured (or embedded)
 * database and exits. {@code BuzonMain} starts it with the listeners and the HTTP server switched off.
 *
 * <pre>
 * import --passwd-file FILE [--maildir-root DIR] [--maildir-template '%d/%n/Maildir'] [--no-create-domains]
 * import --account LOGIN (--maildir DIR | --mbox FILE | --eml DIR_OR_FILE)
 * </pre>
 * Exit code 0 when everything found was imported or already present, 1 when something was skipped for
 * another reason, 2 for a usage error.
 */
public class ImportCommand implements QuarkusApplication {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: import --passwd-file FILE [--maildir-root DIR] [--maildir-template TEMPLATE] [--no-create-domains]",
            "       import --account LOGIN (--maildir DIR | --mbox FILE | --eml DIR_OR_FILE)",
            "TEMPLATE uses %u (user@domain), %n (local part), %d (domain); without it the usual layouts",
            "under the root are tried: %d/%n/Maildir, %d/%n, %u/Maildir, %u, %n/Maildir, %n.",
            "Without --maildir-root each user's home directory (or userdb_mail) from the passwd-file is used.");

    @Inject
    ImportService imports;

    @Override
    public int run(String... args) throws Exception {
        return run(List.of(args), System.out, System.err);
    }

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ImportProgress.Listener progress = p -> {
            if (p.account() == null && p.accountsTotal() > 0) {
                out.printf("[%d/%d accounts] %d imported, %d skipped%n", p.accountsDone(), p.accountsTotal(),
                        p.imported(), p.skipped());
            }
        };
        ImportReport report;
        if (o.passwdFile != null) {
            report = imports.importDovecot(new DovecotImport(o.passwdFile, Optional.ofNullable(o.maildirRoot),
                    Optional.ofNullable(o.template), o.createDomains, Actor.system("cli")), progress);
        } else if (o.maildir != null) {
            report = imports.importMaildir(Actor.system("cli"), o.account, o.maildir, progress);
        } else if (o.mbox != null) {
            report = imports.importMbox(Actor.system("cli"), o.account, o.mbox, progress);
        } else {
            report = imports.importEml(Actor.system("cli"), o.account, o.eml, progress);
        }
        out.print(report.toText());
        boolean clean = report.skipped().stream().allMatch(s -> s.reason().startsWith("already imported"))
                && report.problems().isEmpty();
        return clean ? 0 : 1;
    }

    /** Command-line options; checked before anything touches the database. */
    static final class Options {
        Path passwdFile;
        Path maildirRoot;
        String template;
        boolean createDomains = true;
        String account;
        Path maildir;
        Path mbox;
        Path eml;

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> rest = new ArrayList<>(args);
            if (!rest.isEmpty() && rest.get(0).equals("import")) {
                rest.remove(0);
            }
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--passwd-file" -> o.passwdFile = existing(value(rest, ++i, a), a);
                    case "--maildir-root" -> o.maildirRoot = existing(value(rest, ++i, a), a);
                    case "--maildir-template" -> o.template = value(rest, ++i, a);
                    case "--no-create-domains" -> o.createDomains = false;
                    case "--account" -> o.account = value(rest, ++i, a);
                    case "--maildir" -> o.maildir = existing(value(rest, ++i, a), a);
                    case "--mbox" -> o.mbox = existing(value(rest, ++i, a), a);
                    case "--eml" -> o.eml = existing(value(rest, ++i, a), a);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            int sources = (o.maildir != null ? 1 : 0) + (o.mbox != null ? 1 : 0) + (o.eml != null ? 1 : 0);
            if (o.passwdFile != null && (sources > 0 || o.account != null)) {
                throw new IllegalArgumentException("--passwd-file cannot be combined with --account");
            }
            if (o.passwdFile == null && (o.account == null || sources != 1)) {
                throw new IllegalArgumentException("give --passwd-file, or --account with one of --maildir, --mbox, --eml");
            }
            return o;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static Path existing(String path, String option) {
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(option + ": " + path + " does not exist");
            }
            return p;
        }
    }
}
