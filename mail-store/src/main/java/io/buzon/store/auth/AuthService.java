package io.buzon.store.auth;

import jakarta.transaction.Transactional;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.NotFoundException;
import io.buzon.store.Actor;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.password.AccountIdentities;
import io.buzon.store.password.AccountIdentity;
import io.buzon.store.password.PasswordHasher;
import io.buzon.store.password.PasswordPolicy;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.StoredPassword;
import io.buzon.store.stats.LoginStats;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides logins for every service. Blocking (database and argon2id work): call it from a worker
 * thread, never from the event loop.
 *
 * <p>Order: lockout (login and address), then exactly one hash verification whatever the case
 * (unknown login: a dummy hash of the current scheme), then the account state. Unknown login and
 * wrong password both give INVALID and count as failures; DISABLED and EXPIRED need the right password.
 *
 * <p>A password that already passed a full verification against the same stored hash (or app password)
 * within {@code buzon.auth.cache.ttl} is taken from {@link VerifiedCredentialCache} instead of hashed
 * again; every other check still runs. Failures are never cached and always cost one verification.
 */
@ApplicationScoped
@StoreOperation
public class AuthService {

    @Inject
    AccountIdentities accounts;

    @Inject
    PasswordService passwords;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicyService policies;

    @Inject
    LoginThrottle throttle;

    @Inject
    AppPasswordService appPasswords;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AuthConfig config;

    @Inject
    LoginStats loginStats;

    @Inject
    LoginRecords loginRecords;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    private volatile VerifiedCredentialCache cache;

    @PostConstruct
    void createCache() {
        cache = new VerifiedCredentialCache(config.cache().maxEntries(), config.cache().ttl());
    }

    /** Replaces the verified-credential cache (tests: a TTL of 0, or a fresh empty one). */
    void useCache(VerifiedCredentialCache replacement) {
        cache = replacement;
    }

    /**
     * What the throttle holds against a login: its name-wide counter and one per address it was tried from,
     * with where the failures came from and until when each is locked (the console's account page).
     */
    public LoginThrottle.State lockState(String login) {
        return throttle.state(AccountIdentities.normalise(login));
    }

    /** Lifts every lock of an account's login at once (name-wide and per address), with its audit record. */
    @Transactional
    public void unlock(Actor actor, long accountId) {
        AccountIdentity account = accounts.byId(accountId)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        throttle.unlock(account.login());
        audit.record(actor, "account.unlock", account.login(), null);
    }

    /** Whether an attempt for {@code login} from {@code remoteAddress} would be refused unchecked now. */
    public boolean isLocked(String login, String remoteAddress) {
        return throttle.isLocked(AccountIdentities.normalise(login), blankToNull(remoteAddress),
                config.usualAddressMemory());
    }

    /** The throttle's limits for a login under {@code policy}. */
    LoginThrottle.Limits limits(PasswordPolicy policy) {
        AuthConfig.AddressLockout byAddress = config.addressLockout();
        return new LoginThrottle.Limits(policy.lockoutThreshold(), config.nameLockout().threshold(),
                policy.lockoutWindow(), policy.lockoutDuration(), byAddress.threshold(), byAddress.window(),
                byAddress.duration());
    }

    private static String blankToNull(String address) {
        return address == null || address.isBlank() ? null : address.strip();
    }

    /**
     * @param service       "pop3" (a mail client: two-factor accounts need an app password), "console", ...
     * @param remoteAddress the client's address for per-address lockout; null when there is none
     */
    public AuthResult authenticate(String login, String password, String service, String remoteAddress) {
        String normalised = AccountIdentities.normalise(login);
        String address = remoteAddress == null || remoteAddress.isBlank() ? null : remoteAddress.strip();
        String candidate = password == null ? "" : password;
        Optional<AccountIdentity> account = accounts.byLogin(login);
        Long domainId = account.map(AccountIdentity::domainId).or(() -> accounts.domainIdOf(login)).orElse(null);
        PasswordPolicy policy = policies.effectivePolicy(domainId);

        if (throttle.isLocked(normalised, address, config.usualAddressMemory())) {
            hasher.verifyDummy(candidate);
            return finish(AuthOutcome.LOCKED, null, normalised, "login or address locked after repeated failures",
                    AuthCredential.NONE, null, service);
        }

        VerifiedCredentialCache verified = cache;
        String cacheKey = verified.key(normalised, isMailClient(service) ? "mail" : "other", candidate);
        Verification verification = verify(account, candidate, service, verified, cacheKey, policy);
        if (verification.credential() == AuthCredential.NONE && !verification.appPasswordRequired()) {
            recordFailure(normalised, address, policy);
            return finish(AuthOutcome.INVALID, null, normalised, verification.reason(), AuthCredential.NONE, null,
                    service);
        }
        AccountIdentity known = account.orElseThrow();
        if (!known.active()) {
            return finish(AuthOutcome.DISABLED, known.accountId(), normalised, "account or domain disabled",
                    AuthCredential.NONE, null, service);
        }
        if (verification.appPasswordRequired()) {
            // Not a failure (the password was right), so an old mail client still polling with the main
            // password cannot lock the account out of the devices that use app passwords.
            return finish(AuthOutcome.TWO_FACTOR_REQUIRED, known.accountId(), normalised, verification.reason(),
                    AuthCredential.NONE, null, service);
        }
        if (verification.credential() == AuthCredential.PASSWORD && expired(verification.stored(), policy)) {
            return finish(AuthOutcome.EXPIRED, known.accountId(), normalised, "password older than "
                    + policy.maxAgeDays() + " days", AuthCredential.NONE, null, service);
        }
        throttle.recordSuccess(normalised, address);
        loginRecords.recordSuccess(known.accountId(), statsName(service), address);
        String verifiedHash = verification.verifiedHash();
        boolean rekey = false;
        if (verification.credential() == AuthCredential.PASSWORD) {
            StoredPassword stored = verification.stored();
            if (passwords.upgradeAfterLogin(known.accountId(), stored.hash(), stored.scram() != null, candidate)) {
                // A rehash (bcrypt or SHA512-CRYPT to argon2id, new cost) replaced the hash just verified.
                verifiedHash = passwords.storedPassword(known.accountId()).map(StoredPassword::hash).orElse(null);
                rekey = !stored.hash().equals(verifiedHash);
            }
        } else {
            appPasswords.recordUse(verification.appPasswordId(), service, address);
        }
        if (!verification.fromCache() || rekey) {
            verified.remember(cacheKey, known.accountId(), verification.credential(), verifiedHash,
                    verification.appPasswordId());
        }
        return finish(AuthOutcome.SUCCESS, known.accountId(), normalised, verification.reason(),
                verification.credential(), verification.appPasswordId(), service);
    }

    /** {@code verifiedHash}: the main password's or app password's hash the password matched. */
    private record Verification(AuthCredential credential, String reason, StoredPassword stored, Long appPasswordId,
                                String verifiedHash, boolean fromCache, boolean appPasswordRequired) {
        static Verification failed(String reason) {
            return new Verification(AuthCredential.NONE, reason, null, null, null, false, false);
        }

        /** The main password was right but may not open a mail client: nothing is remembered or upgraded. */
        static Verification mainPasswordRefused(String reason) {
            return new Verification(AuthCredential.NONE, reason, null, null, null, false, true);
        }
    }

    /**
     * Whether mail clients of this account need an app password: the user turned two-factor on, or the
     * account's effective policy requires it. SCRAM (keys of the main password) is refused then too.
     */
    public boolean appPasswordRequired(long accountId, Long domainId) {
        return twoFactor.isEnabled(accountId) || policies.effectivePolicy(domainId).requireTwoFactor();
    }

    /** The account's policy requires two-factor but the user has not enrolled TOTP yet. */
    public boolean twoFactorEnrolmentOwed(long accountId, Long domainId) {
        return policies.effectivePolicy(domainId).requireTwoFactor() && !twoFactor.isEnabled(accountId);
    }

    private Verification verify(Optional<AccountIdentity> account, String password, String service,
                                VerifiedCredentialCache verified, String cacheKey, PasswordPolicy policy) {
        if (account.isEmpty()) {
            hasher.verifyDummy(password);
            return Verification.failed("unknown login");
        }
        long accountId = account.get().accountId();
        Optional<StoredPassword> stored = passwords.storedPassword(accountId);
        if (stored.isEmpty()) {
            hasher.verifyDummy(password);
            return Verification.failed("account has no password");
        }
        boolean mailClient = isMailClient(service);
        if (mailClient) {
            Optional<String> app = AppPasswordService.canonical(password);
            Optional<AppPasswordService.Candidate> row = app.flatMap(secret -> appPasswords.candidate(accountId, secret));
            if (row.isPresent()) {
                AppPasswordService.Candidate appPassword = row.get();
                boolean cached = verified.confirms(cacheKey, accountId, AuthCredential.APP_PASSWORD,
                        appPassword.hash(), appPassword.id());
                if (cached || appPasswords.verify(appPassword, app.get())) {
                    return new Verification(AuthCredential.APP_PASSWORD, "app password " + appPassword.id(),
                            stored.get(), appPassword.id(), appPassword.hash(), cached, false);
                }
            }
        }
        String hash = stored.get().hash();
        boolean cached = verified.confirms(cacheKey, accountId, AuthCredential.PASSWORD, hash, null);
        boolean matches = cached || hasher.verify(password, hash);
        if (matches && mailClient && (policy.requireTwoFactor() || twoFactor.isEnabled(accountId))) {
            if (cached) {
                // The refusal costs what a full verification costs, so timing says nothing about the cache.
                hasher.verifyDummy(password);
            }
            return Verification.mainPasswordRefused((policy.requireTwoFactor() ? "the policy requires two-factor"
                    : "two-factor is on") + ": the main password is refused for " + service
                    + ", an app password is required");
        }
        return matches ? new Verification(AuthCredential.PASSWORD, "password", stored.get(), null, hash, cached, false)
                : Verification.failed("wrong password");
    }

    private boolean isMailClient(String service) {
        return service != null && config.mailServices().contains(service.toLowerCase(Locale.ROOT));
    }

    /** LoginStats accepts 1-20 of [a-z0-9_.-]; anything else is counted as "other". */
    private static String statsName(String service) {
        String name = service == null ? "" : service.toLowerCase(Locale.ROOT);
        return name.matches("[a-z0-9_.-]{1,20}") ? name : "other";
    }

    private boolean expired(StoredPassword stored, PasswordPolicy policy) {
        return policy.maxAgeDays() > 0
                && stored.changedAt().plus(Duration.ofDays(policy.maxAgeDays())).isBefore(clock.instant());
    }

    private void recordFailure(String login, String address, PasswordPolicy policy) {
        throttle.recordFailure(login, address, limits(policy));
    }

    private AuthResult finish(AuthOutcome outcome, Long accountId, String login, String reason,
                              AuthCredential credential, Long appPasswordId, String service) {
        loginStats.record(statsName(service), outcome.name().toLowerCase(Locale.ROOT));
        return new AuthResult(outcome, accountId, login, reason, credential, appPasswordId);
    }

    /**
     * Counts a failed proof that was checked outside this service (a SCRAM-SHA-256 client proof verified against
     * the stored keys) toward the same per-login and per-address lockout as a wrong password, so no mechanism
     * gives a password guesser more attempts than another.
     */
    public void recordFailedProof(String login, String remoteAddress) {
        String normalised = AccountIdentities.normalise(login);
        String address = remoteAddress == null || remoteAddress.isBlank() ? null : remoteAddress.strip();
        Long domainId = accounts.byLogin(login).map(AccountIdentity::domainId)
                .or(() -> accounts.domainIdOf(login)).orElse(null);
        recordFailure(normalised, address, policies.effectivePolicy(domainId));
    }
}
