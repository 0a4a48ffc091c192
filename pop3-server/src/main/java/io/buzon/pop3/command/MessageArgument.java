package io.buzon.pop3.command;

import io.buzon.pop3.backend.MaildropEntry;
import io.buzon.pop3.protocol.CommandSyntax;
import io.buzon.pop3.session.Maildrop;

/** Resolves a message-number argument; deleted and nonexistent messages are errors (RFC 1939). */
final class MessageArgument {

    private MessageArgument() {
    }

    /** The message, or null with {@link #problem} telling why. */
    static MaildropEntry resolve(Maildrop maildrop, String argument) {
        int number = CommandSyntax.messageNumber(argument);
        return number < 0 ? null : maildrop.live(number);
    }

    static String problem(Maildrop maildrop, String argument) {
        int number = CommandSyntax.messageNumber(argument);
        if (number < 0) {
            return "Invalid message number";
        }
        if (!maildrop.exists(number)) {
            return "No such message";
        }
        return "Message " + number + " already deleted";
    }
}
