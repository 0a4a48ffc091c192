package io.buzon.pop3.protocol;

import java.util.List;

/** A syntactically valid command line: an upper-cased keyword and its space-separated arguments. */
public record Command(String verb, List<String> arguments) {

    public Command {
        arguments = List.copyOf(arguments);
    }

    public int argumentCount() {
        return arguments.size();
    }

    public String argument(int index) {
        return arguments.get(index);
    }

    /** The verb alone, for logs: arguments may hold a password. */
    @Override
    public String toString() {
        return verb + (arguments.isEmpty() ? "" : " (" + arguments.size() + " args)");
    }
}
