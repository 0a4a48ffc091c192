package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** STAT (RFC 1939 section 5): messages not marked deleted, and their octets. */
public final class StatHandler implements CommandHandler {

    @Override
    public String verb() {
        return "STAT";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        Maildrop maildrop = session.transaction().maildrop();
        if (command.argumentCount() != 0) {
            return session.err("STAT takes no arguments");
        }
        return session.ok(maildrop.liveCount() + " " + maildrop.liveOctets());
    }
}
