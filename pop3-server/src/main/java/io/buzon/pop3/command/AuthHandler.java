package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.sasl.SaslMechanism;
import io.buzon.pop3.session.CapabilityContext;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * AUTH (RFC 5034). Without arguments it lists the usable mechanisms (a common extension clients probe
 * with); with a mechanism it starts the exchange, optionally with an initial response.
 */
public final class AuthHandler implements CommandHandler {

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.AUTHORIZATION;
    }

    @Override
    public List<String> capabilities(CapabilityContext context) {
        if (!context.beforeLogin() || context.saslMechanisms().isEmpty()) {
            return List.of();
        }
        return List.of("SASL " + String.join(" ", context.saslMechanisms()));
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (command.argumentCount() == 0) {
            List<String> usable = new ArrayList<>();
            for (SaslMechanism mechanism : session.table().mechanisms()) {
                if (!mechanism.plaintext() || session.plaintextAuthAllowed()) {
                    usable.add(mechanism.name());
                }
            }
            return session.writer().lines(Reply.ok("Supported mechanisms follow"), usable);
        }
        if (command.argumentCount() > 2) {
            return session.err("AUTH takes a mechanism and an optional initial response");
        }
        SaslMechanism mechanism = session.table().mechanism(command.argument(0));
        if (mechanism == null) {
            return session.err("Unsupported authentication mechanism");
        }
        if (mechanism.plaintext() && !session.plaintextAuthAllowed()) {
            return session.err("Plaintext authentication requires TLS: use STLS first");
        }
        return session.startSasl(mechanism, command.argumentCount() == 2 ? command.argument(1) : null);
    }
}
