package io.buzon.pop3.backend;

/** Who is on the other end, as far as the session knows it. */
public record ClientInfo(String sessionId, String remoteAddress, boolean tls) {
}
