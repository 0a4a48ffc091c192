package io.buzon.lmtp;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds the per-recipient header block prepended to the shared body, in the order an MTA's final
 * delivery agent writes them (as Dovecot's LMTP does): Return-Path, Delivered-To, Received.
 * Every value here was validated by {@link MailPath}, so no CR or LF can be injected.
 */
final class TraceHeaders {

    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {
    }

    static byte[] build(String sender, String recipient, String clientName, String clientAddress,
                        String serverName, String sessionId, ZonedDateTime when) {
        String received = "Received: from " + clientName + " (" + clientAddress + ")\r\n"
                + "\tby " + serverName + " (Buzon) with LMTP id " + sessionId + "\r\n"
                + "\tfor <" + recipient + ">; " + RFC5322.format(when) + "\r\n";
        String block = "Return-Path: <" + sender + ">\r\n"
                + "Delivered-To: " + recipient + "\r\n"
                + received;
        return block.getBytes(StandardCharsets.UTF_8);
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneId.systemDefault());
    }
}
