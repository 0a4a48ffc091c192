package io.buzon.store.password;

import java.util.Arrays;
import java.util.Base64;

/**
 * What a server needs to run SCRAM-SHA-256 (RFC 5802 / RFC 7677) without knowing the password:
 * salt, iteration count, StoredKey = H(ClientKey) and ServerKey. Arrays are copied in and out.
 */
public final class ScramCredentials {

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    public ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    /** The salt as sent in the server-first-message ({@code s=}): standard base64. */
    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    public int iterations() {
        return iterations;
    }

    public byte[] storedKey() {
        return storedKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials other && iterations == other.iterations
                && Arrays.equals(salt, other.salt) && Arrays.equals(storedKey, other.storedKey)
                && Arrays.equals(serverKey, other.serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt) * 31 + iterations;
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + ", salt=" + saltBase64() + "]";
    }
}
