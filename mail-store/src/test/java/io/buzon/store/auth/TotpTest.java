package io.buzon.store.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TotpTest {

    // RFC 6238 appendix B, SHA-1 column, last six digits.
    private static final String SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void rfc6238Vectors() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", SECRET);
        assertEquals("287082", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1111111111))));
        assertEquals("005924", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1234567890))));
        assertEquals("279037", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(2000000000))));
        assertEquals("353130", Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(20000000000L))));
    }

    @Test
    void driftWindow() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertEquals(step - 1, Totp.matchingStep(SECRET, Totp.code(SECRET, step - 1), now, 1));
        assertEquals(-1, Totp.matchingStep(SECRET, Totp.code(SECRET, step - 2), now, 1));
        assertEquals(-1, Totp.matchingStep(SECRET, "12345", now, 1));
    }

    @Test
    void base32RoundTripIgnoresCaseAndSpaces() {
        byte[] data = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        String encoded = Base32.encode(data);
        assertArrayEquals(data, Base32.decode(encoded.toLowerCase()));
        assertArrayEquals(data, Base32.decode(" " + encoded.substring(0, 3) + " " + encoded.substring(3) + "="));
        assertEquals("otpauth://totp/Buz%C3%B3n:ana%40example.es?secret=ABC&issuer=Buz%C3%B3n&algorithm=SHA1&digits=6&period=30",
                Totp.otpauthUri("Buzón", "ana@example.es", "ABC"));
    }
}
