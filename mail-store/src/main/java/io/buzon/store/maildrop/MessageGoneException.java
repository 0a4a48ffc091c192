package io.buzon.store.maildrop;

import io.buzon.store.NotFoundException;

/** The message (or its content) was removed; for POP3, "-ERR no such message". */
public class MessageGoneException extends NotFoundException {

    public MessageGoneException(String message) {
        super(message);
    }
}
