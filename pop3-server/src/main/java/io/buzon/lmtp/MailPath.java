package io.buzon.lmtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL FROM / RCPT TO: a path in angle brackets followed by ESMTP parameters. The
 * address is kept as sent (local parts are case-sensitive by the RFC; the store decides how to match).
 * Parameter names are upper-cased.
 */
record MailPath(String address, Map<String, String> parameters) {

    /** Thrown for an argument that does not parse; carries the reply to send. */
    static final class SyntaxException extends Exception {
        private final Reply reply;

        SyntaxException(Reply reply) {
            super(reply.toString(), null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    /** Parses {@code "FROM:<a@b> SIZE=10"} given {@code keyword} "FROM". */
    static MailPath parse(String argument, String keyword) throws SyntaxException {
        String arg = argument == null ? "" : argument;
        int colon = arg.indexOf(':');
        if (colon < 0 || !arg.substring(0, colon).trim().equalsIgnoreCase(keyword)) {
            throw syntax("Syntax: " + keyword + ":<address>");
        }
        String rest = arg.substring(colon + 1).stripLeading();
        if (rest.isEmpty() || rest.charAt(0) != '<') {
            throw syntax("Syntax: " + keyword + ":<address>");
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw syntax("Unterminated address");
        }
        String address = stripSourceRoute(rest.substring(1, close));
        validateAddress(address);
        Map<String, String> params = new LinkedHashMap<>();
        String tail = rest.substring(close + 1).trim();
        if (!tail.isEmpty()) {
            for (String token : tail.split(" +")) {
                int eq = token.indexOf('=');
                String name = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
                String value = eq < 0 ? null : token.substring(eq + 1);
                if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                    throw new SyntaxException(Reply.of(501, "5.5.4", "Invalid parameter " + token));
                }
                params.put(name, value);
            }
        }
        return new MailPath(address, params);
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** "@a,@b:user@example.org" is an obsolete source route: RFC 5321 says to accept and ignore it. */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }

    private static void validateAddress(String address) throws SyntaxException {
        if (address.isEmpty()) {
            return; // the null path <>
        }
        if (address.length() > 254) {
            throw new SyntaxException(Reply.of(501, "5.1.3", "Address too long"));
        }
        boolean quoted = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new SyntaxException(Reply.of(501, "5.1.3", "Invalid character in address"));
            }
            if (c == '"') {
                quoted = !quoted;
            } else if ((c == ' ' || c == '<' || c == '>') && !quoted) {
                throw new SyntaxException(Reply.of(501, "5.1.3", "Invalid character in address"));
            }
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new SyntaxException(Reply.of(501, "5.1.3", "Address must be local@domain"));
        }
    }

    private static SyntaxException syntax(String text) {
        return new SyntaxException(Reply.of(501, "5.5.4", text));
    }
}
