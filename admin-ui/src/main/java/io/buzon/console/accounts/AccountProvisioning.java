package io.buzon.console.accounts;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.password.PasswordChangeResult;
import io.buzon.store.password.PasswordPolicyChecker;
import io.buzon.store.password.PasswordPolicyService;
import io.buzon.store.password.PasswordService;
import io.buzon.store.password.PolicyViolation;
import io.buzon.store.domain.DomainService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Creating a mailbox is one step for the admin (account, password, quota) and one transaction here: a
 * password the policy refuses leaves no half-created account behind.
 */
@ApplicationScoped
public class AccountProvisioning {

    @Inject
    AccountService accounts;

    @Inject
    DomainService domains;

    @Inject
    PasswordService passwords;

    @Inject
    PasswordPolicyService policies;

    @Inject
    PasswordPolicyChecker checker;

    /** Thrown inside the transaction so it rolls back; carries the policy's reasons. */
    public static final class PasswordRefused extends RuntimeException {
        private final transient List<PolicyViolation> violations;

        PasswordRefused(List<PolicyViolation> violations) {
            super("password refused by policy", null, false, false);
            this.violations = List.copyOf(violations);
        }

        public List<PolicyViolation> violations() {
            return violations;
        }
    }

    @Transactional(rollbackOn = PasswordRefused.class)
    public Account create(String login, String displayName, String password, Long quotaBytes, Long quotaMessages, String actor) {
        Account created = accounts.create(login, displayName);
        PasswordChangeResult result = passwords.setPassword(created.id(), password == null ? "" : password, actor);
        if (!result.accepted()) {
            throw new PasswordRefused(result.violations());
        }
        if (quotaBytes != null || quotaMessages != null) {
            created = accounts.setQuota(created.id(), quotaBytes, quotaMessages);
        }
        return created;
    }

    /** What the policy says about a password for an account that does not exist yet (no history). */
    public List<PolicyViolation> checkNew(String login, String password) {
        String domain = login != null && login.contains("@") ? login.substring(login.lastIndexOf('@') + 1) : null;
        Long domainId = domain == null ? null : domains.find(domain).map(d -> d.id()).orElse(null);
        return checker.check(policies.effectivePolicy(domainId), password == null ? "" : password, login);
    }

    /** Strength 0..4 as zxcvbn scores it, for the meter next to the field. */
    public int strength(String login, String password) {
        return checker.strength(password == null ? "" : password, login);
    }
}
