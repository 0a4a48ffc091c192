package io.buzon.store.delivery;

/** Whether a recipient can take a message, as LMTP needs to answer RCPT TO / after DATA. */
public enum RecipientStatus {
    /** The account exists, is active and has room. */
    OK,
    /** No such account (LMTP 550 5.1.1). */
    UNKNOWN,
    /** The account or its domain is disabled (LMTP 550 5.2.1). */
    DISABLED,
    /** The message would exceed the byte or message quota (LMTP 552 5.2.2). */
    OVER_QUOTA
}
