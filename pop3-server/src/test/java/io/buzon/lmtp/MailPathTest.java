package io.buzon.lmtp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MailPathTest {

    @Test
    void parsesAddressAndParameters() throws Exception {
        MailPath p = MailPath.parse("FROM:<a@example.org> SIZE=123 body=8BITMIME", "FROM");
        assertEquals("a@example.org", p.address());
        assertEquals(Map.of("SIZE", "123", "BODY", "8BITMIME"), p.parameters());
    }

    @Test
    void acceptsNullPathSpaceAfterColonQuotedLocalAndSourceRoute() throws Exception {
        assertEquals("", MailPath.parse("FROM:<>", "FROM").address());
        assertEquals("b@example.org", MailPath.parse("to: <b@example.org>", "TO").address());
        assertEquals("\"x >y\"@example.org", MailPath.parse("TO:<\"x >y\"@example.org>", "TO").address());
        assertEquals("c@example.org", MailPath.parse("TO:<@relay.example,@r2.example:c@example.org>", "TO").address());
    }

    @Test
    void rejectsBrokenArguments() {
        assertEquals(501, assertThrows(MailPath.SyntaxException.class,
                () -> MailPath.parse("FROM:a@example.org", "FROM")).reply().code());
        assertEquals(501, assertThrows(MailPath.SyntaxException.class,
                () -> MailPath.parse("TO:<a@example.org>", "FROM")).reply().code());
        assertEquals("5.1.3", assertThrows(MailPath.SyntaxException.class,
                () -> MailPath.parse("TO:<a b@example.org>", "TO")).reply().enhanced());
        assertEquals("5.1.3", assertThrows(MailPath.SyntaxException.class,
                () -> MailPath.parse("TO:<nodomain>", "TO")).reply().enhanced());
        assertThrows(MailPath.SyntaxException.class, () -> MailPath.parse("TO:<a@example.org", "TO"));
        assertThrows(MailPath.SyntaxException.class, () -> MailPath.parse("TO:<a@example.org> =1", "TO"));
    }
}
