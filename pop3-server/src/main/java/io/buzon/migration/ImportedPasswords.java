package io.buzon.migration;

import io.buzon.store.password.PasswordService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands an imported hash to the password store, which keeps bcrypt, SHA512-CRYPT and argon2id hashes as
 * they are and rehashes them to the current scheme at the next successful login.
 */
@ApplicationScoped
public class ImportedPasswords {

    private final PasswordService passwords;

    public ImportedPasswords(PasswordService passwords) {
        this.passwords = passwords;
    }

    /** @throws IllegalArgumentException when the store does not accept the hash format */
    public void setImportedHash(long accountId, String hash, String actor) {
        passwords.setPasswordHash(accountId, hash, actor);
    }
}
