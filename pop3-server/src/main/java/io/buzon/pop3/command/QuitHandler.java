package io.buzon.pop3.command;

import io.buzon.pop3.protocol.Command;
import io.buzon.pop3.protocol.Reply;
import io.buzon.pop3.protocol.ResponseCode;
import io.buzon.pop3.session.CommandHandler;
import io.buzon.pop3.session.Pop3Session;
import io.buzon.pop3.session.SessionState;
import io.buzon.pop3.session.SessionState.Phase;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * QUIT (RFC 1939 sections 4 and 6). In TRANSACTION it enters UPDATE: every marked message is removed in
 * one store transaction. If that fails nothing is removed and the client hears {@code -ERR [SYS/TEMP]}.
 */
public final class QuitHandler implements CommandHandler {

    private static final Logger LOG = Logger.getLogger(QuitHandler.class);

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public Set<Phase> phases() {
        return Phases.ANY;
    }

    @Override
    public CompletionStage<Void> handle(Command command, Pop3Session session) {
        if (!(session.state() instanceof SessionState.Transaction transaction)) {
            return session.closeAfter(session.ok("Bye"));
        }
        var deleted = transaction.maildrop().deletedMessageIds();
        var lock = transaction.lock();
        List<Long> retrieved = transaction.maildrop().takeUnrecorded(true);
        return session.runtime().runBlocking(() -> {
            try {
                if (!deleted.isEmpty()) {
                    session.backend().commit(lock, deleted);
                }
                return true;
            } catch (RuntimeException e) {
                LOG.errorf("pop3 session=%s update failed, nothing deleted: %s", session.id(), e.toString());
                return false;
            } finally {
                recordQuietly(session, transaction.accountId(), retrieved);
                releaseQuietly(session, lock);
            }
        }).thenCompose(committed -> {
            // The lock is released already; the session must not release it again.
            session.state(new SessionState.Closed());
            byte[] response = committed
                    ? Reply.ok("Bye, " + deleted.size() + " messages deleted")
                    : Reply.err(ResponseCode.SYS_TEMP, "Update failed, no messages were deleted");
            return session.closeAfter(session.reply(response));
        });
    }

    /** Retention counts from the first retrieval; a failure to note it delays retention, it deletes nothing. */
    private static void recordQuietly(Pop3Session session, long accountId, List<Long> retrieved) {
        if (retrieved.isEmpty()) {
            return;
        }
        try {
            session.backend().recordFirstRetrieval(accountId, retrieved);
        } catch (RuntimeException e) {
            LOG.warnf("pop3 session=%s first retrievals not recorded: %s", session.id(), e.toString());
        }
    }

    private static void releaseQuietly(Pop3Session session, io.buzon.pop3.backend.MaildropLock lock) {
        try {
            session.backend().release(lock);
        } catch (RuntimeException e) {
            LOG.warnf("pop3 session=%s lock release failed, will retry: %s", session.id(), e.toString());
            session.releaseFailed(lock);
        }
    }
}
