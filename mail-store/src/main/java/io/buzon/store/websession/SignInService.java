package io.buzon.store.websession;

import io.buzon.store.Actor;
import io.buzon.store.admin.AdminService;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.auth.AuthOutcome;
import io.buzon.store.auth.AuthResult;
import io.buzon.store.auth.AuthService;
import io.buzon.store.auth.TwoFactorService;
import io.buzon.store.auth.LoginThrottle;
import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.password.AccountIdentities;
import io.buzon.store.password.AccountIdentity;
import io.buzon.store.stats.LoginStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

import java.util.Optional;

/**
 * Signing in to the web pages, for administrators (the console) and mailbox users (the self-service
 * pages): password, then the second factor when one is set up; throttling, login statistics and the audit
 * record of every attempt happen here, so no page can forget them. Each step that succeeds opens a fresh
 * session (never one a visitor brought), so a planted cookie never becomes authenticated.
 */
@ApplicationScoped
@StoreOperation
public class SignInService {

    /** Mailbox users' logins on the self-service pages count under this service name. */
    public static final String MAILBOX_SERVICE = "selfservice";
    /** Admins are throttled under this prefix, apart from mailbox logins of the same text. */
    private static final String ADMIN_SUBJECT = "admin:";

    /** How a step ended. */
    public enum Result {
        /** Signed in: the new session is open. */
        SIGNED_IN,
        /** Password right; a session waiting for the second factor is open. */
        SECOND_FACTOR,
        /** Wrong name, password or code. */
        WRONG,
        /** A code that was right once and has been used already. */
        REPLAYED,
        /** Too many failures: refused without checking. */
        THROTTLED,
        /** The mailbox or its domain is disabled. */
        DISABLED
    }

    /** The outcome of a step and, when it opened one, the new session (its cookie value is only here). */
    public record Step(Result result, WebSessionService.Opened session) {
        static Step of(Result result) {
            return new Step(result, null);
        }
    }

    @Inject
    WebSessionService sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    WebAccessConfig config;

    @ConfigProperty(name = "buzon.auth.usual-address-memory", defaultValue = "30D")
    Duration usualAddressMemory;

    @Inject
    AdminService admins;

    @Inject
    AuthService auth;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AccountIdentities accounts;

    @Inject
    LoginStats loginStats;

    @Inject
    AuditLog audit;

    /** An administrator's password step; {@code previousToken} (a session the browser had) is ended. */
    public Step admin(String username, String password, String address, String previousToken) {
        String name = username == null ? "" : username.trim();
        Actor actor = Actor.admin(name.isEmpty() ? "(empty)" : name, address);
        if (throttle.isLocked(adminSubject(name), address, usualAddressMemory)) {
            audit.record(actor, "console.login.throttled", "admin:" + name, null);
            return Step.of(Result.THROTTLED);
        }
        Optional<ConsoleAdmin> admin = admins.authenticate(name, password);
        if (admin.isEmpty()) {
            throttle.recordFailure(adminSubject(name), address, adminLimits());
            loginStats.record("console", "failure");
            audit.record(actor, "console.login.failed", "admin:" + name, null);
            return Step.of(Result.WRONG);
        }
        ConsoleAdmin a = admin.get();
        throttle.recordSuccess(adminSubject(a.username()), address);
        sessions.close(previousToken);
        WebSessionService.Opened opened = sessions.open(SessionKind.ADMIN, a.username(), a.hasTotp(), address);
        if (a.hasTotp()) {
            return new Step(Result.SECOND_FACTOR, opened);
        }
        signedIn(a, address, null);
        return new Step(Result.SIGNED_IN, opened);
    }

    /** An administrator's TOTP step, in the session the password step opened. */
    public Step adminSecondFactor(String sessionToken, String code, String address) {
        WebSession session = sessions.resolve(sessionToken, SessionKind.ADMIN).orElse(null);
        if (session == null) {
            return Step.of(Result.WRONG);
        }
        String name = session.subject();
        Actor actor = Actor.admin(name, address);
        if (throttle.isLocked(adminSubject(name), address, usualAddressMemory)) {
            return Step.of(Result.THROTTLED);
        }
        ConsoleAdmin admin = admins.findByUsername(name).orElse(null);
        TwoFactorService.CodeCheck check = admin == null ? TwoFactorService.CodeCheck.WRONG
                : admins.checkTotp(admin.id(), code);
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            throttle.recordFailure(adminSubject(name), address, adminLimits());
            audit.record(actor, "console.login.totpFailed", "admin:" + name,
                    check == TwoFactorService.CodeCheck.REPLAYED ? "code already used" : null);
            return Step.of(check == TwoFactorService.CodeCheck.REPLAYED ? Result.REPLAYED : Result.WRONG);
        }
        throttle.recordSuccess(adminSubject(name), address);
        sessions.close(sessionToken);
        WebSessionService.Opened opened = sessions.open(SessionKind.ADMIN, admin.username(), false, address);
        signedIn(admin, address, "with TOTP");
        return new Step(Result.SIGNED_IN, opened);
    }

    /**
     * An admin name from one address locks after {@code buzon.console.login-max-failures} within
     * {@code buzon.console.login-window}; from everywhere after ten times that (then only the admin's usual
     * addresses get through); an address after four times that, whatever the name.
     */
    private LoginThrottle.Limits adminLimits() {
        int max = config.loginMaxFailures();
        Duration window = config.loginWindow();
        return new LoginThrottle.Limits(max, max * 10, window, window, max * 4, window, window);
    }

    /** What the throttle holds against an admin name (the console's admins page). */
    public LoginThrottle.State adminLockState(String username) {
        return throttle.state(adminSubject(username));
    }

    /** Lifts every lock of an admin name, with its audit record. */
    public void unlockAdmin(Actor actor, String username) {
        throttle.unlock(adminSubject(username));
        audit.record(actor, "admin.unlock", "admin:" + username, null);
    }

    private static String adminSubject(String name) {
        return ADMIN_SUBJECT + (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private void signedIn(ConsoleAdmin admin, String address, String detail) {
        loginStats.record("console", "success");
        admins.recordLogin(admin.id());
        audit.record(Actor.admin(admin.username(), address), "console.login", "admin:" + admin.username(), detail);
    }

    /** A mailbox user's password step on the self-service pages (the mail password; an expired one too). */
    public Step mailbox(String login, String password, String address, String previousToken) {
        String name = login == null ? "" : login.trim();
        AuthResult result = auth.authenticate(name, password, MAILBOX_SERVICE, address);
        boolean passwordRight = result.outcome() == AuthOutcome.SUCCESS || result.outcome() == AuthOutcome.EXPIRED;
        if (!passwordRight) {
            return Step.of(switch (result.outcome()) {
                case LOCKED -> Result.THROTTLED;
                case DISABLED -> Result.DISABLED;
                default -> Result.WRONG;
            });
        }
        boolean needsTotp = twoFactor.isEnabled(result.accountId());
        sessions.close(previousToken);
        WebSessionService.Opened opened = sessions.open(SessionKind.MAILBOX, result.login(), needsTotp, address);
        if (needsTotp) {
            return new Step(Result.SECOND_FACTOR, opened);
        }
        audit.record(Actor.mailbox(result.login(), address), "selfservice.login", result.login(), null);
        return new Step(Result.SIGNED_IN, opened);
    }

    /** A mailbox user's TOTP step, in the session the password step opened. */
    public Step mailboxSecondFactor(String sessionToken, String code, String address) {
        WebSession session = sessions.resolve(sessionToken, SessionKind.MAILBOX).orElse(null);
        AccountIdentity account = session == null ? null : accounts.byLogin(session.subject()).orElse(null);
        if (account == null) {
            return Step.of(Result.WRONG);
        }
        Actor actor = Actor.mailbox(account.login(), address);
        TwoFactorService.CodeCheck check = twoFactor.check(account.accountId(), code == null ? "" : code.replace(" ", ""));
        if (check != TwoFactorService.CodeCheck.ACCEPTED) {
            audit.record(actor, "selfservice.login.totpFailed", account.login(),
                    check == TwoFactorService.CodeCheck.REPLAYED ? "code already used" : null);
            return Step.of(check == TwoFactorService.CodeCheck.REPLAYED ? Result.REPLAYED : Result.WRONG);
        }
        sessions.close(sessionToken);
        WebSessionService.Opened opened = sessions.open(SessionKind.MAILBOX, account.login(), false, address);
        audit.record(actor, "selfservice.login", account.login(), "with TOTP");
        return new Step(Result.SIGNED_IN, opened);
    }

    /** Ends a session, with its audit record. */
    public void signOut(String token, SessionKind kind, Actor actor) {
        sessions.close(token);
        audit.record(actor, kind == SessionKind.ADMIN ? "console.logout" : "selfservice.logout",
                kind == SessionKind.ADMIN ? "admin:" + actor.name() : actor.name(), null);
    }
}
