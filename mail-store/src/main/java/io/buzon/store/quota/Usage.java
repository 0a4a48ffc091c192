package io.buzon.store.quota;

/** Octets and number of messages in a mailbox. */
public record Usage(long bytes, long messages) {
}
