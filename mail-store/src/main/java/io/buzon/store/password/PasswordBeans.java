package io.buzon.store.password;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the pure password components from configuration. */
public class PasswordBeans {

    @Produces
    @Singleton
    PasswordHasher passwordHasher(PasswordConfig config) {
        return new PasswordHasher(config.argon2Settings());
    }

    @Produces
    @Singleton
    PasswordPolicyChecker passwordPolicyChecker(PasswordConfig config) {
        CommonPasswords list = config.policy().commonListFile()
                .map(CommonPasswords::fromFile)
                .orElseGet(CommonPasswords::shipped);
        return new PasswordPolicyChecker(list);
    }
}
