package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.ResponseCode;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * USER (RFC 1939 section 7). Always {@code +OK}: whether the account exists is only decided after PASS,
 * so the answer tells nothing about which names exist.
 */
public final class UserHandler implements CommandHandler {

    @Override
    public String verb() {
        return "USER";
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
    public List<String> capabilities(CapabilityContext context) {
        return context.beforeLogin() && context.plaintextAuthAllowed() ? List.of("USER") : List.of();
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() != 1) {
            return session.err("USER needs exactly one argument: the login name");
        }
        String login = command.argument(0);
        if (!session.utf8() && !isAscii(login)) {
            return session.err(ResponseCode.UTF8, "Issue UTF8 before using a non-ASCII login name");
        }
        int failures = ((SessionState.Authorization) session.state()).failures();
        session.state(new SessionState.Authorization(failures, login));
        return session.ok("Send PASS");
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
