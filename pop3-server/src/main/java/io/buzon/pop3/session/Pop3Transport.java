package io.buzon.pop3.session;

import java.util.concurrent.CompletionStage;

/** The connection, as the protocol core sees it. */
public interface Pop3Transport {

    /**
     * Queues bytes for the client. The stage completes once the transport can take more, which is how a
     * client that does not read slows the session down instead of growing its memory.
     */
    CompletionStage<Void> write(byte[] bytes);

    /**
     * Starts the TLS handshake after the {@code +OK} to STLS has been written. The transport first
     * discards every byte received in clear text and not yet read as a command.
     */
    CompletionStage<Void> startTls();

    boolean secure();

    void close();
}
