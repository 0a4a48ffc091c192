package io.buzon.pop3.sasl;

/** A SASL mechanism the server offers. */
public interface SaslMechanism {

    String name();

    /** True when the mechanism sends the password itself, so it needs TLS unless configured otherwise. */
    boolean plaintext();

    SaslExchange newExchange();
}
