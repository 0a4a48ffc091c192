package io.buzon.pop3.session;

import io.buzon.pop3.protocol.Command;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One POP3 command. The handler says in which phases it is legal and which CAPA lines it is responsible
 * for; the {@link CommandGate} enforces the first, CAPA collects the second, so neither can drift.
 */
public interface CommandHandler {

    String verb();

    Set<SessionState.Phase> phases();

    /** True for commands that carry a password in clear text (USER/PASS): refused without TLS by default. */
    default boolean sendsPlaintextPassword() {
        return false;
    }

    /** Only before TLS is active (STLS). */
    default boolean onlyWithoutTls() {
        return false;
    }

    default List<String> capabilities(CapabilityContext context) {
        return List.of();
    }

    /** Runs the command; the gate has checked phase and transport. Completes when the response is written. */
    CompletionStage<Void> handle(Command command, Pop3Session session);
}
