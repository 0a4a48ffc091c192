package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.CommandSyntax;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * RETR msg (RFC 1939 section 5): the whole message, streamed. Its first retrieval is recorded for retention,
 * in batches (see {@link Pop3Session#retrieved(int)}).
 */
public final class RetrHandler implements CommandHandler {

    @Override
    public String verb() {
        return "RETR";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 1) {
            return session.err("RETR needs a message number");
        }
        Maildrop maildrop = session.transaction().maildrop();
        MaildropEntry entry = MessageArgument.resolve(maildrop, command.argument(0));
        if (entry == null) {
            return session.err(MessageArgument.problem(maildrop, command.argument(0)));
        }
        long accountId = session.transaction().accountId();
        int number = CommandSyntax.messageNumber(command.argument(0));
        return MessageSender.send(session, accountId, entry, Reply.ok(entry.size() + " octets"), null)
                .thenCompose(ignored -> session.retrieved(number));
    }
}
