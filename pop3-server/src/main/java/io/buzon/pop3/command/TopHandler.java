package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.CommandSyntax;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.protocol.TopLimiter;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** TOP msg n (RFC 1939 section 7): the header, the blank line, and n body lines. Not a retrieval. */
public final class TopHandler implements CommandHandler {

    @Override
    public String verb() {
        return "TOP";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        return List.of("TOP");
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 2) {
            return session.err("TOP needs a message number and a line count");
        }
        Maildrop maildrop = session.transaction().maildrop();
        MaildropEntry entry = MessageArgument.resolve(maildrop, command.argument(0));
        if (entry == null) {
            return session.err(MessageArgument.problem(maildrop, command.argument(0)));
        }
        long lines = CommandSyntax.lineCount(command.argument(1));
        if (lines < 0) {
            return session.err("Invalid line count");
        }
        return MessageSender.send(session, session.transaction().accountId(), entry, Reply.ok("Top of message follows"),
                new TopLimiter(lines));
    }
}
