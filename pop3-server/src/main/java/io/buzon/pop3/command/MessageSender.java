package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.TopLimiter;
import io.buzon.pop3.session.Pop3Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;

/** Opens a message on a worker thread and streams it through the session's multi-line writer. */
final class MessageSender {

    private MessageSender() {
    }

    static CompletionStage<Void> send(Pop3Session session, long accountId, MaildropEntry entry, byte[] status,
                                      TopLimiter limiter) {
        return session.runtime().runBlocking(() -> session.backend().openContent(accountId, entry.messageId()))
                .thenCompose(content -> session.writer().message(status, content, limiter, session::open)
                        .whenComplete((ignored, error) -> close(session, content)));
    }

    private static void close(Pop3Session session, InputStream content) {
        session.runtime().runBlocking(() -> {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }
}
