package io.buzon.bench;

import java.util.Locale;

/** How the benchmark client protects the POP3 connection. */
public enum TlsMode {
    /** No TLS. */
    PLAIN,
    /** Implicit TLS from the first byte (POP3S, RFC 8314). */
    TLS,
    /** Plain connection upgraded with the STLS command (RFC 2595). */
    STLS;

    static TlsMode parse(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "plain", "none", "off" -> PLAIN;
            case "tls", "implicit", "pop3s" -> TLS;
            case "stls", "starttls" -> STLS;
            default -> throw new IllegalArgumentException("unknown TLS mode '" + v + "' (plain, tls, stls)");
        };
    }
}
