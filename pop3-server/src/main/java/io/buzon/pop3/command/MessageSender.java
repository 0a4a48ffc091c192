package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.TopLimiter;
import io.buzon.pop3.session.Pop3Session;

import java.util.concurrent.CompletionStage;

/**
 * Opens a message on a worker thread and streams it through the session's multi-line writer. A source holds
 * no connection between pieces, so there is nothing to close afterwards.
 */
final class MessageSender {

    private MessageSender() {
    }

    static CompletionStage<Void> send(Pop3Session session, long accountId, MaildropEntry entry, byte[] status,
                                      TopLimiter limiter) {
        return session.runtime().runBlocking(() -> session.backend().openContent(accountId, entry.messageId()))
                .thenCompose(content -> session.writer().message(status, content, limiter, session::open));
    }
}
