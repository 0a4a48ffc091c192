package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Maildrop;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** RETR msg (RFC 1939 section 5): the whole message, streamed; its first retrieval is recorded. */
public final class RetrHandler implements CommandHandler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RetrHandler.class);

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
        return MessageSender.send(session, accountId, entry, Reply.ok(entry.size() + " octets"), null)
                .thenCompose(ignored -> session.runtime().<Void>runBlocking(() -> {
                    session.backend().recordFirstRetrieval(accountId, entry.messageId());
                    return null;
                }).exceptionally(error -> {
                    // The message was delivered; a missed timestamp only delays retention, never an -ERR now.
                    LOG.warnf("pop3 session=%s first retrieval not recorded: %s", session.id(), error.toString());
                    return null;
                }));
    }
}
