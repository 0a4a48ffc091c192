package io.buzon.pop3.protocol;

import java.nio.charset.StandardCharsets;

/** Single-line responses, encoded exactly as they go on the wire. */
public final class Reply {

    private Reply() {
    }

    public static byte[] ok(String text) {
        return line(text.isEmpty() ? "+OK" : "+OK " + text);
    }

    public static byte[] err(String text) {
        return line("-ERR " + text);
    }

    public static byte[] err(ResponseCode code, String text) {
        return line("-ERR [" + code.text() + "] " + text);
    }

    /** A SASL continuation: {@code "+ "} and the base64 challenge, which may be empty (RFC 5034). */
    public static byte[] continuation(String base64) {
        return line("+ " + base64);
    }

    public static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
