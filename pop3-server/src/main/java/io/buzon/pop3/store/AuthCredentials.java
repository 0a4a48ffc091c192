package io.buzon.pop3.store;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.backend.ScramCredentials;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthService;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.password.AccountIdentities;
import io.buzon.store.password.PasswordService;
import io.buzon.store.retention.RetentionRule;
import io.buzon.store.retention.RetentionRules;
import io.buzon.store.retention.RetentionService;
import io.buzon.store.stats.LoginStats;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Passwords, SCRAM keys and retention policies from the auth module, in POP3's terms. */
@Singleton
public class AuthCredentials implements Pop3Credentials {

    static final String SERVICE = "pop3";

    private final AuthService auth;
    private final PasswordService passwords;
    private final AccountIdentities accounts;
    private final TwoFactorService twoFactor;
    private final RetentionService retention;
    private final RetentionRules rules;
    private final LoginStats loginStats;

    @Inject
    public AuthCredentials(AuthService auth, PasswordService passwords, AccountIdentities accounts,
                           TwoFactorService twoFactor, RetentionService retention,
                           RetentionRules rules, LoginStats loginStats) {
        this.auth = auth;
        this.passwords = passwords;
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.retention = retention;
        this.rules = rules;
        this.loginStats = loginStats;
    }

    @Override
    public AuthResult authenticate(String login, String password, ClientInfo client) {
        var result = auth.authenticate(login, password, SERVICE, client.remoteAddress());
        return map(result.outcome(), result.accountId(), result.login(), result.logReason());
    }

    /**
     * Always keys: the auth module derives stable decoy keys for unknown logins and accounts without
     * SCRAM keys, so the exchange looks the same and fails at the proof.
     */
    @Override
    public Optional<ScramCredentials> scramCredentials(String login) {
        var keys = passwords.scramCredentials(login);
        return Optional.of(new ScramCredentials(keys.salt(), keys.iterations(), keys.storedKey(), keys.serverKey()));
    }

    /**
     * The proof stood for the password; the account's state decides the rest. Accounts with two-factor
     * authentication must use an app password, which SCRAM cannot carry, so they are refused here.
     */
    @Override
    public AuthResult completeScram(String login, boolean proofValid, ClientInfo client) {
        String normalised = AccountIdentities.normalise(login);
        AuthResult result;
        if (auth.isLocked(normalised, client.remoteAddress())) {
            result = AuthResult.refused(AuthResult.AuthStatus.LOCKED, "login or address locked after repeated failures");
        } else if (!proofValid) {
            auth.recordFailedProof(login, client.remoteAddress());
            result = AuthResult.invalid("SCRAM proof did not match");
        } else {
            var account = accounts.byLogin(login);
            if (account.isEmpty()) {
                result = AuthResult.invalid("unknown login");
            } else if (!account.get().active()) {
                result = AuthResult.refused(AuthResult.AuthStatus.DISABLED, "account or domain disabled");
            } else if (auth.appPasswordRequired(account.get().accountId(), account.get().domainId())) {
                result = AuthResult.refused(AuthResult.AuthStatus.TWO_FACTOR_REQUIRED,
                        "two-factor account: mail clients must use an app password");
            } else {
                result = AuthResult.success(account.get().accountId(), normalised);
            }
        }
        loginStats.record(SERVICE, result.status().name().toLowerCase(java.util.Locale.ROOT));
        return result;
    }

    @Override
    public RetentionHint retention(long accountId) {
        RetentionRule rule = retention.effectiveRule(accountId);
        return new RetentionHint(rule.expireDays().orElse(-1), Duration.ofSeconds(rule.loginDelaySeconds()));
    }

    /**
     * Before login, the strictest values over all accounts: the shortest EXPIRE (a client must assume
     * its mail may go that soon) and the longest LOGIN-DELAY.
     */
    @Override
    public RetentionHint retentionBound() {
        OptionalInt shortest = rules.minExpireDaysForAnyUser();
        return new RetentionHint(shortest.orElse(-1), Duration.ofSeconds(rules.maxLoginDelaySecondsForAnyUser()));
    }

    private static AuthResult map(AuthOutcome outcome, Long accountId, String login, String reason) {
        return switch (outcome) {
            case SUCCESS -> AuthResult.success(accountId, login);
            case INVALID -> AuthResult.invalid(reason);
            case DISABLED -> AuthResult.refused(AuthResult.AuthStatus.DISABLED, reason);
            case LOCKED -> AuthResult.refused(AuthResult.AuthStatus.LOCKED, reason);
            case EXPIRED -> AuthResult.refused(AuthResult.AuthStatus.EXPIRED, reason);
            case TWO_FACTOR_REQUIRED -> AuthResult.refused(AuthResult.AuthStatus.TWO_FACTOR_REQUIRED, reason);
        };
    }
}
