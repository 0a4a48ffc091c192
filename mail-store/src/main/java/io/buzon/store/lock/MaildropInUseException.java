package io.buzon.store.lock;

import io.buzon.store.ConflictException;

/**
 * A POP3 session holds the mailbox (RFC 1939's exclusive maildrop lock), so a change that would alter its
 * snapshot was refused; nothing changed. The session can be ended from the console's Sessions page.
 */
public class MaildropInUseException extends ConflictException {

    public MaildropInUseException(String login) {
        super("the mailbox " + login + " is open in a POP3 session; end the session or try again when it is over");
        withReason("MAILDROP_IN_USE");
    }
}
