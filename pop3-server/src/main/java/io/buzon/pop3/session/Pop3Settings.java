package io.buzon.pop3.session;

import java.time.Duration;

/**
 * The protocol rules a session follows, taken from configuration.
 *
 * @param allowPlaintextAuth  USER/PASS, PLAIN and LOGIN also without TLS (RFC 2595 section 2.1 advises against)
 * @param maxAuthFailures     failed logins after which the connection is closed
 * @param authFailureDelay    the delay before answering the first failed login; it grows with each failure
 * @param maxProtocolErrors   unknown, malformed or illegal commands in a row after which the connection closes
 * @param implementation      the CAPA IMPLEMENTATION text
 * @param maxSaslLineOctets   the longest SASL response line accepted during AUTH
 * @param chunkOctets         the largest write of a message being sent
 */
public record Pop3Settings(boolean allowPlaintextAuth, int maxAuthFailures, Duration authFailureDelay,
                           int maxProtocolErrors, String implementation, int maxSaslLineOctets, int chunkOctets) {

    public static Pop3Settings defaults() {
        return new Pop3Settings(false, 3, Duration.ofSeconds(1), 10, "Buzon", 16 * 1024, 64 * 1024);
    }

    public Pop3Settings withAllowPlaintextAuth(boolean allow) {
        return new Pop3Settings(allow, maxAuthFailures, authFailureDelay, maxProtocolErrors, implementation,
                maxSaslLineOctets, chunkOctets);
    }

    public Pop3Settings withAuthFailureDelay(Duration delay) {
        return new Pop3Settings(allowPlaintextAuth, maxAuthFailures, delay, maxProtocolErrors, implementation,
                maxSaslLineOctets, chunkOctets);
    }
}
