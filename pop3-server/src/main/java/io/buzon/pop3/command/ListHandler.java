package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** LIST [msg] (RFC 1939 section 5): sizes of messages not marked deleted. */
public final class ListHandler implements CommandHandler {

    @Override
    public String verb() {
        return "LIST";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        Maildrop maildrop = session.transaction().maildrop();
        if (command.argumentCount() > 1) {
            return session.err("LIST takes at most one argument");
        }
        if (command.argumentCount() == 1) {
            MaildropEntry entry = MessageArgument.resolve(maildrop, command.argument(0));
            if (entry == null) {
                return session.err(MessageArgument.problem(maildrop, command.argument(0)));
            }
            return session.ok(command.argument(0) + " " + entry.size());
        }
        List<String> lines = new ArrayList<>(maildrop.liveCount());
        for (int number = 1; number <= maildrop.size(); number++) {
            MaildropEntry entry = maildrop.live(number);
            if (entry != null) {
                lines.add(number + " " + entry.size());
            }
        }
        return session.writer().lines(Reply.ok(maildrop.liveCount() + " messages (" + maildrop.liveOctets() + " octets)"), lines);
    }
}
