package io.buzon.store.importer;

import io.buzon.store.Actor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to import from a Dovecot installation.
 *
 * @param passwdFile       the passwd-file with users and password hashes
 * @param maildirRoot      where the mailboxes are; empty: each user's home (or {@code userdb_mail}) is used
 * @param maildirTemplate  path under the root, with {@code %u} (user), {@code %n} (local part),
 *                         {@code %d} (domain); empty: the usual layouts are tried in turn
 * @param createDomains    create missing domains (otherwise their users are skipped)
 * @param actor            who runs it, for the audit log
 */
public record DovecotImport(Path passwdFile, Optional<Path> maildirRoot, Optional<String> maildirTemplate,
                            boolean createDomains, Actor actor) {

    /** The layouts tried under a root when no template is given, most common first. */
    public static final String[] USUAL_LAYOUTS = {"%d/%n/Maildir", "%d/%n", "%u/Maildir", "%u", "%n/Maildir", "%n"};

    public DovecotImport {
        maildirRoot = maildirRoot == null ? Optional.empty() : maildirRoot;
        maildirTemplate = maildirTemplate == null ? Optional.empty() : maildirTemplate.filter(t -> !t.isBlank());
        actor = actor == null ? Actor.system("import") : actor;
    }

    public static DovecotImport of(Path passwdFile, Path maildirRoot) {
        return new DovecotImport(passwdFile, Optional.ofNullable(maildirRoot), Optional.empty(), true, Actor.system("import"));
    }

    static String expand(String template, PasswdEntry user) {
        return template.replace("%u", user.login()).replace("%n", user.localPart())
                .replace("%d", user.domain().orElse(""));
    }
}
