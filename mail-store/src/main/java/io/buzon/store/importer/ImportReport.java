package io.buzon.store.importer;

import java.time.Duration;
import java.util.List;

/**
 * What an import did. Every message found is either counted as imported or listed in {@code skipped}
 * with the reason; every passwd-file line that was not used is in {@code problems}.
 */
public record ImportReport(List<AccountResult> accounts, List<Skipped> skipped, List<String> problems,
                           long importedMessages, long importedBytes, long skippedMessages,
                           Duration elapsed) {

    /** One account: whether it was created now, whether its password hash was taken over. */
    public record AccountResult(String login, boolean created, PasswordOutcome password, int imported,
                                int skipped, String mailbox) {
    }

    public enum PasswordOutcome {
        /** The hash was stored as it was; the user logs in with the old password. */
        IMPORTED,
        /** The account already existed; its current password was left alone. */
        KEPT_EXISTING,
        /** The scheme is not one Buzón verifies (e.g. PLAIN, MD5-CRYPT); an administrator must set one. */
        UNSUPPORTED_SCHEME,
        /** Single-mailbox import (Maildir, mbox, .eml): passwords are not part of it. */
        NOT_APPLICABLE
    }

    /** A message or account not imported. {@code origin} is the file (or mbox#n), {@code reason} says why. */
    public record Skipped(String login, String origin, String reason) {
    }

    /** A plain-text summary for the command line and logs. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Imported %d messages (%d bytes) into %d accounts in %d ms; %d skipped.%n",
                importedMessages, importedBytes, accounts.size(), elapsed.toMillis(), skippedMessages()));
        for (AccountResult a : accounts) {
            out.append(String.format("  %-40s %s, password %s, %d imported, %d skipped%s%n", a.login(),
                    a.created() ? "created" : "existing", a.password().name().toLowerCase().replace('_', ' '),
                    a.imported(), a.skipped(), a.mailbox() == null ? "" : " from " + a.mailbox()));
        }
        if (!skipped.isEmpty()) {
            out.append("Skipped:").append(System.lineSeparator());
            for (Skipped s : skipped) {
                out.append(String.format("  %s %s: %s%n", s.login(), s.origin() == null ? "" : s.origin(), s.reason()));
            }
        }
        if (!problems.isEmpty()) {
            out.append("Problems:").append(System.lineSeparator());
            problems.forEach(p -> out.append("  ").append(p).append(System.lineSeparator()));
        }
        return out.toString();
    }
}
