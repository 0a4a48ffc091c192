package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** DELE msg (RFC 1939 section 5): marks only; the store is changed at QUIT. */
public final class DeleHandler implements CommandHandler {

    @Override
    public String verb() {
        return "DELE";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        Maildrop maildrop = session.transaction().maildrop();
        if (command.argumentCount() != 1) {
            return session.err("DELE needs a message number");
        }
        MaildropEntry entry = MessageArgument.resolve(maildrop, command.argument(0));
        if (entry == null) {
            return session.err(MessageArgument.problem(maildrop, command.argument(0)));
        }
        maildrop.markDeleted(Integer.parseInt(command.argument(0)));
        return session.ok("Message " + command.argument(0) + " marked for deletion");
    }
}
