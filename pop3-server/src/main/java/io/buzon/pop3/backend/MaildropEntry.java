package io.buzon.pop3.backend;

/** One message of a maildrop snapshot: store id, unique id and exact size in octets. */
public record MaildropEntry(long messageId, String uidl, long size) {
}
