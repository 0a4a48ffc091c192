package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** UIDL [msg] (RFC 1939 section 7): the unique id of messages not marked deleted. */
public final class UidlHandler implements CommandHandler {

    @Override
    public String verb() {
        return "UIDL";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        return List.of("UIDL");
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        Maildrop maildrop = session.transaction().maildrop();
        if (command.argumentCount() > 1) {
            return session.err("UIDL takes at most one argument");
        }
        if (command.argumentCount() == 1) {
            MaildropEntry entry = MessageArgument.resolve(maildrop, command.argument(0));
            if (entry == null) {
                return session.err(MessageArgument.problem(maildrop, command.argument(0)));
            }
            return session.ok(command.argument(0) + " " + entry.uidl());
        }
        List<String> lines = new ArrayList<>(maildrop.liveCount());
        for (int number = 1; number <= maildrop.size(); number++) {
            MaildropEntry entry = maildrop.live(number);
            if (entry != null) {
                lines.add(number + " " + entry.uidl());
            }
        }
        return session.writer().lines(Reply.ok("Unique ids follow"), lines);
    }
}
