package io.buzon.pop3.sasl;

/**
 * One run of a SASL mechanism. The session decodes base64, handles {@code *} (cancel) and drives the
 * exchange; the exchange only sees decoded client data.
 */
public interface SaslExchange {

    /** The first step; {@code initialResponse} is null when the client gave none with AUTH. */
    SaslStep start(byte[] initialResponse);

    /** The next step after the client answered a challenge. */
    SaslStep respond(byte[] response);
}
