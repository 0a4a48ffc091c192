package io.buzon.store.auth;

import io.buzon.store.Actor;
import io.buzon.store.account.AccountService;
import io.buzon.store.domain.Domain;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordService;
import io.buzon.store.testing.StoreFixtures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Accounts with passwords, each in its own new domain so domain policies never leak between tests. */
@ApplicationScoped
public class AuthFixtures {

    public record Account(long id, long domainId, String domain, String localPart, String login) {
    }

    @Inject
    StoreFixtures store;

    @Inject
    AccountService accounts;

    @Inject
    PasswordService passwords;

    public Account account(String prefix) {
        Domain domain = store.newDomain();
        String local = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        io.buzon.store.account.Account created = accounts.create(Actor.system("test"), local + "@" + domain.name(), null);
        return new Account(created.id(), domain.id(), domain.name(), local, created.login());
    }

    public Account accountWithPassword(String prefix, String password) {
        Account account = account(prefix);
        PasswordChangeResult result = passwords.setPassword(Actor.system("test"), account.id(), password);
        if (!result.accepted()) {
            throw new IllegalStateException("fixture password refused: " + result.violations());
        }
        return account;
    }

    public void disable(Account account) {
        accounts.setEnabled(Actor.system("test"), account.id(), false);
    }
}
