package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * STLS (RFC 2595 section 4). After the handshake the session forgets a pending USER and the client must
 * ask CAPA again; bytes pipelined after STLS are thrown away by the transport.
 */
public final class StlsHandler implements CommandHandler {

    @Override
    public String verb() {
        return "STLS";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.AUTHORIZATION;
    }

    @Override
    public boolean onlyWithoutTls() {
        return true;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        return context.beforeLogin() && !context.secure() ? List.of("STLS") : List.of();
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 0) {
            return session.err("STLS takes no arguments");
        }
        return session.ok("Begin TLS negotiation").thenCompose(ignored -> session.transport().startTls())
                .thenAccept(ignored -> {
                    int failures = ((SessionState.Authorization) session.state()).failures();
                    session.state(new SessionState.Authorization(failures, null));
                });
    }
}
