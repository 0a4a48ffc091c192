package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** NOOP (RFC 1939 section 5). */
public final class NoopHandler implements CommandHandler {

    @Override
    public String verb() {
        return "NOOP";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.TRANSACTION;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 0) {
            return session.err("NOOP takes no arguments");
        }
        return session.ok("");
    }
}
