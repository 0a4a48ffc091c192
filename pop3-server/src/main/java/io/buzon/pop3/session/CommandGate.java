package io.buzon.pop3.session;

import io.buzon.pop3.protocol.Command;

import java.util.Optional;

/**
 * The one place that decides whether a command may run now: known verb, legal in the current phase,
 * transport requirements (STLS only in clear text, passwords in clear text only where allowed).
 * Handlers never re-check.
 */
public final class CommandGate {

    private final CommandTable table;

    public CommandGate(CommandTable table) {
        this.table = table;
    }

    /** The reason a command is refused, or empty when it may run. */
    public Optional<String> refusal(Command command, Pop3Session session) {
        CommandHandler handler = table.handler(command.verb());
        if (handler == null) {
            return Optional.of("Unknown command");
        }
        if (!handler.phases().contains(session.state().phase())) {
            return Optional.of(command.verb() + " is not valid in this state");
        }
        if (handler.onlyWithoutTls() && session.secure()) {
            return Optional.of("TLS is already active");
        }
        if (handler.sendsPlaintextPassword() && !session.plaintextAuthAllowed()) {
            return Optional.of("Plaintext authentication requires TLS: use STLS first");
        }
        return Optional.empty();
    }
}
