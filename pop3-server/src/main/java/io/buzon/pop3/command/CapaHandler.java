package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * CAPA (RFC 2449): the list comes from the handlers. This handler adds the capabilities that belong to
 * the session as a whole: response codes, pipelining, retention and the implementation.
 */
public final class CapaHandler implements CommandHandler {

    @Override
    public String verb() {
        return "CAPA";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.ANY;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        List<String> lines = new ArrayList<>();
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        // Before login the values are the bound over all accounts, marked USER as they may differ per
        // account (RFC 2449 sections 6.5 and 6.7); after login they are the account's own.
        String scope = context.beforeLogin() ? " USER" : "";
        if (context.retention() != null) {
            if (context.retention().hasLoginDelay()) {
                lines.add("LOGIN-DELAY " + context.retention().loginDelay().toSeconds() + scope);
            }
            lines.add(context.retention().expires()
                    ? "EXPIRE " + context.retention().expireDays() + scope
                    : "EXPIRE NEVER" + scope);
        }
        lines.add("IMPLEMENTATION " + context.implementation());
        return lines;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 0) {
            return session.err("CAPA takes no arguments");
        }
        return session.capabilityContext().thenCompose(context ->
                session.writer().lines(Reply.ok("Capability list follows"), session.table().capabilities(context)));
    }
}
