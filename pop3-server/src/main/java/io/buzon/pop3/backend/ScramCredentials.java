package io.buzon.pop3.backend;

/** The SCRAM-SHA-256 keys kept for an account (RFC 5802 section 3): never the password. */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
}
