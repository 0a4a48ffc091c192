package io.buzon.store.websession;

/** Who a browser session belongs to: a console administrator or a mailbox user on the self-service pages. */
public enum SessionKind {
    ADMIN,
    MAILBOX
}
