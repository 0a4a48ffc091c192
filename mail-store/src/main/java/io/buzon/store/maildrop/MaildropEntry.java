package io.buzon.store.maildrop;

/**
 * One message as a POP3 session sees it: its message number (1..n, fixed for the session), its id,
 * UIDL and size in octets (what RETR sends before byte-stuffing).
 */
public record MaildropEntry(int number, long messageId, String uidl, long size) {
}
