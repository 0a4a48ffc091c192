package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * PASS (RFC 1939 section 7). The password is the rest of the line, spaces included, as RFC 1939 allows;
 * it is never logged.
 */
public final class PassHandler implements CommandHandler {

    @Override
    public String verb() {
        return "PASS";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.AUTHORIZATION;
    }

    @Override
    public boolean sendsPlaintextPassword() {
        return true;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        SessionState.Authorization authorization = (SessionState.Authorization) session.state();
        if (authorization.pendingUser() == null) {
            return session.err("Send USER first");
        }
        if (command.argumentCount() == 0) {
            return session.err("PASS needs the password");
        }
        String login = authorization.pendingUser();
        String password = String.join(" ", command.arguments());
        var client = session.client();
        return session.runtime().runBlocking(() -> session.backend().authenticate(login, password, client))
                .thenCompose(result -> session.completeLogin(result, "USER"));
    }
}
