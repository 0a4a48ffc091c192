package io.buzon.console.admin;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id hashing of admin passwords (OWASP's 19 MiB, 2 passes, 1 lane). Checking a login name that does
 * not exist still costs one full hash, so response time does not reveal which admins exist.
 */
final class AdminPasswords {

    static final int MIN_LENGTH = 12;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
    private static final String DUMMY_HASH = hash("buzon-dummy-password-for-timing");

    private AdminPasswords() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        String stored = hash == null ? DUMMY_HASH : hash;
        boolean ok = Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
        return ok && hash != null;
    }
}
