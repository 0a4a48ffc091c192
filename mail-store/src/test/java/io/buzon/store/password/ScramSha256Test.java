package io.buzon.store.password;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScramSha256Test {

    // RFC 7677 section 3 example exchange.
    private static final String CLIENT_FIRST_BARE = "n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL_NO_PROOF = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String AUTH_MESSAGE = CLIENT_FIRST_BARE + "," + SERVER_FIRST + "," + CLIENT_FINAL_NO_PROOF;
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    @Test
    void reproducesTheRfc7677Example() {
        ScramCredentials credentials = ScramSha256.derive("pencil", SALT, 4096);
        byte[] proof = ScramSha256.clientProof("pencil", SALT, 4096, AUTH_MESSAGE);
        assertEquals("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", Base64.getEncoder().encodeToString(proof));
        assertTrue(ScramSha256.verifyClientProof(credentials, AUTH_MESSAGE, proof));
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
                Base64.getEncoder().encodeToString(ScramSha256.serverSignature(credentials, AUTH_MESSAGE)));
    }

    @Test
    void rejectsAProofFromAnotherPasswordOrATamperedMessage() {
        ScramCredentials credentials = ScramSha256.derive("pencil", SALT, 4096);
        assertFalse(ScramSha256.verifyClientProof(credentials, AUTH_MESSAGE,
                ScramSha256.clientProof("pen", SALT, 4096, AUTH_MESSAGE)));
        byte[] proof = ScramSha256.clientProof("pencil", SALT, 4096, AUTH_MESSAGE);
        assertFalse(ScramSha256.verifyClientProof(credentials, AUTH_MESSAGE + "x", proof));
        assertFalse(ScramSha256.verifyClientProof(credentials, AUTH_MESSAGE, new byte[3]));
    }

    @Test
    void storedKeyMatchesTheJdkPbkdf2() throws Exception {
        String password = "Contraseña larga de prueba";
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = factory.generateSecret(new PBEKeySpec(password.toCharArray(), SALT, 4096, 256)).getEncoded();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
        ScramCredentials ours = ScramSha256.derive(password, SALT, 4096);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(clientKey), ours.storedKey());
        assertArrayEquals(serverKey, ours.serverKey());
    }

    @Test
    void saslPrepMapsSpacesAndSoftHyphens() {
        assertEquals("a b", ScramSha256.saslPrep("a\u00A0b"));
        assertEquals("ab", ScramSha256.saslPrep("a\u00ADb"));
        assertEquals("IX", ScramSha256.saslPrep("\u2168"));
    }
}
