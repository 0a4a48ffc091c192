package io.buzon.pop3.session;

import io.buzon.pop3.backend.MaildropLock;
import io.buzon.pop3.sasl.SaslExchange;

/**
 * Where a session is in RFC 1939's state machine. A maildrop exists only in {@link Transaction}, so a
 * command that reaches a maildrop without a login cannot be written.
 */
public sealed interface SessionState {

    Phase phase();

    /** Before login. {@code pendingUser} is the name given by USER, awaiting PASS. */
    record Authorization(int failures, String pendingUser) implements SessionState {
        public Phase phase() {
            return Phase.AUTHORIZATION;
        }

        public Authorization withFailure() {
            return new Authorization(failures + 1, null);
        }
    }

    /** An AUTH exchange in progress: client lines are SASL responses, not commands. */
    record Sasl(int failures, SaslExchange exchange) implements SessionState {
        public Phase phase() {
            return Phase.AUTHORIZATION;
        }
    }

    /** Logged in, maildrop locked and open. */
    record Transaction(long accountId, String login, MaildropLock lock, Maildrop maildrop) implements SessionState {
        public Phase phase() {
            return Phase.TRANSACTION;
        }
    }

    /** After QUIT, a drop, a timeout or a shutdown. */
    record Closed() implements SessionState {
        public Phase phase() {
            return Phase.CLOSED;
        }
    }

    enum Phase { AUTHORIZATION, TRANSACTION, CLOSED }
}
