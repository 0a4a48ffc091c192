package io.buzon.store.delivery;

import io.buzon.store.ValidationException;

import java.security.SecureRandom;

/**
 * UIDL rules (RFC 1939: 1-70 characters in 0x21-0x7E). Generated UIDLs are {@code <next_uid>.<8 random
 * base-36 chars>}: the counter only increases, so a UIDL is never reused in a mailbox, and the random part
 * keeps a re-created account with the same login from repeating UIDLs a client has already seen.
 */
public final class Uidls {

    public static final int MAX_LENGTH = 70;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Uidls() {
    }

    /** True when {@code uidl} is 1-70 characters, each in 0x21-0x7E. */
    public static boolean isValid(String uidl) {
        if (uidl == null || uidl.isEmpty() || uidl.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < uidl.length(); i++) {
            char ch = uidl.charAt(i);
            if (ch < 0x21 || ch > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code uidl} or throws {@link ValidationException} saying why it is unusable. */
    public static String requireValid(String uidl) {
        if (!isValid(uidl)) {
            throw new ValidationException("a UIDL must be 1-" + MAX_LENGTH
                    + " printable ASCII characters without spaces (0x21-0x7E)");
        }
        return uidl;
    }

    static String generate(long uid) {
        char[] suffix = new char[8];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = BASE36[RANDOM.nextInt(BASE36.length)];
        }
        return uid + "." + new String(suffix);
    }
}
