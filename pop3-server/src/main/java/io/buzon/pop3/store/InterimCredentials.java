package io.buzon.pop3.store;

import com.password4j.Password;
import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.backend.ScramCredentials;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.quarkus.arc.DefaultBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEMPORARY, until the auth module lands: passwords kept in memory (argon2id hashes) and set through
 * {@link #setPassword}. Replaced by the auth-backed implementation; nothing persists here.
 */
@Singleton
@DefaultBean
public class InterimCredentials implements Pop3Credentials {

    private static final String DUMMY_HASH = Password.hash("dummy-password-for-timing").addRandomSalt().withArgon2().getResult();

    private final AccountService accounts;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    @Inject
    public InterimCredentials(AccountService accounts) {
        this.accounts = accounts;
    }

    public void setPassword(String login, String password) {
        hashes.put(login.toLowerCase(java.util.Locale.ROOT),
                Password.hash(password).addRandomSalt().withArgon2().getResult());
    }

    @Override
    public AuthResult authenticate(String login, String password, ClientInfo client) {
        Optional<Account> account = accounts.findByLogin(login);
        String hash = account.map(found -> hashes.get(found.login())).orElse(null);
        // Unknown users cost the same hash work as known ones.
        boolean valid = Password.check(password, hash == null ? DUMMY_HASH : hash).withArgon2() && hash != null;
        if (!valid) {
            return AuthResult.invalid(account.isEmpty() ? "unknown login" : "wrong password");
        }
        if (!account.get().active()) {
            return AuthResult.refused(AuthResult.AuthStatus.DISABLED, "account or domain disabled");
        }
        return AuthResult.success(account.get().id(), account.get().login());
    }

    @Override
    public Optional<ScramCredentials> scramCredentials(String login) {
        return Optional.empty();
    }

    @Override
    public AuthResult completeScram(String login, boolean proofValid, ClientInfo client) {
        return AuthResult.invalid("no SCRAM keys before the auth module");
    }

    @Override
    public RetentionHint retention(long accountId) {
        return RetentionHint.NONE;
    }

    @Override
    public RetentionHint retentionBound() {
        return RetentionHint.NONE;
    }
}
