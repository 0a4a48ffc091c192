package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** UTF8 (RFC 6856): only in the AUTHORIZATION state; afterwards login names may be UTF-8. */
public final class Utf8Handler implements CommandHandler {

    @Override
    public String verb() {
        return "UTF8";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.AUTHORIZATION;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        return List.of(context.beforeLogin() && context.plaintextAuthAllowed() ? "UTF8 USER" : "UTF8");
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 0) {
            return session.err("UTF8 takes no arguments");
        }
        session.enableUtf8();
        return session.ok("UTF8 enabled");
    }
}
