package io.buzon.pop3.backend;

/** A held maildrop lease: which account, and the owner id that holds it. */
public record MaildropLock(long accountId, String ownerId, Object token) {
}
