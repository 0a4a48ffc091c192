package io.buzon.store.password;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected strings come from the specification's examples and from glibc crypt(3). */
class Sha512CryptTest {

    @Test
    void specificationExamples() {
        assertEquals("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
                Sha512Crypt.crypt(bytes("Hello world!"), "saltstring", null));
        assertEquals("$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
                Sha512Crypt.crypt(bytes("Hello world!"), "saltstringsaltstring", 10000));
    }

    @Test
    void glibcHashesWithExplicitDefaultRoundsAndNonAsciiPasswords() {
        String nonAscii = "$6$rounds=5000$Xy7pQ2rT$9YNVMJaUfeGuieHQmfSHrVE7zZd5AfXaF6xOVH03Zv6pmGV7r/6yw5vQH9aI5aRBWGWk1Z6yU31UY.2pV2mZn.";
        assertTrue(Sha512Crypt.matches("Migración-2024 ñ", nonAscii));
        assertFalse(Sha512Crypt.matches("Migracion-2024 n", nonAscii));
        String legacy = "$6$rounds=5000$legacysalt$DJeiBEbZKQ6MZf/j6XkN9Ee6sOBn58vw8JCg9pUBgWXXVBreCq0DpcTZ9jAiJTL7E4JATqbPgSyP59wZFOG9d0";
        assertTrue(Sha512Crypt.matches("Legacy Sha Pass", legacy));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
