package io.buzon.pop3.session;

import io.buzon.pop3.command.AuthHandler;
import io.buzon.pop3.command.CapaHandler;
import io.buzon.pop3.command.DeleHandler;
import io.buzon.pop3.command.ListHandler;
import io.buzon.pop3.command.NoopHandler;
import io.buzon.pop3.command.PassHandler;
import io.buzon.pop3.command.QuitHandler;
import io.buzon.pop3.command.RetrHandler;
import io.buzon.pop3.command.RsetHandler;
import io.buzon.pop3.command.StatHandler;
import io.buzon.pop3.command.StlsHandler;
import io.buzon.pop3.command.TopHandler;
import io.buzon.pop3.command.UidlHandler;
import io.buzon.pop3.command.UserHandler;
import io.buzon.pop3.command.Utf8Handler;
import io.buzon.pop3.sasl.SaslMechanism;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every command the server knows, in CAPA order. The whole protocol fits on this screen. */
public final class CommandTable {

    private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    private final List<SaslMechanism> mechanisms;

    public CommandTable(List<SaslMechanism> mechanisms) {
        this.mechanisms = List.copyOf(mechanisms);
        add(new CapaHandler());
        add(new TopHandler());
        add(new UidlHandler());
        add(new UserHandler());
        add(new PassHandler());
        add(new AuthHandler());
        add(new StlsHandler());
        add(new Utf8Handler());
        add(new StatHandler());
        add(new ListHandler());
        add(new RetrHandler());
        add(new DeleHandler());
        add(new NoopHandler());
        add(new RsetHandler());
        add(new QuitHandler());
    }

    private void add(CommandHandler handler) {
        handlers.put(handler.verb(), handler);
    }

    public CommandHandler handler(String verb) {
        return handlers.get(verb);
    }

    public Collection<CommandHandler> handlers() {
        return handlers.values();
    }

    public List<SaslMechanism> mechanisms() {
        return mechanisms;
    }

    public SaslMechanism mechanism(String name) {
        for (SaslMechanism mechanism : mechanisms) {
            if (mechanism.name().equalsIgnoreCase(name)) {
                return mechanism;
            }
        }
        return null;
    }

    /** The CAPA body: each handler's lines, in table order. */
    public List<String> capabilities(CapabilityContext context) {
        List<String> lines = new ArrayList<>();
        for (CommandHandler handler : handlers.values()) {
            lines.addAll(handler.capabilities(context));
        }
        return lines;
    }
}
