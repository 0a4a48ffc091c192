package io.buzon.api;

import io.buzon.store.account.Account;
import io.buzon.store.domain.Domain;

import java.time.Instant;
import java.util.List;

/** JSON shapes of /api/v1 (records, serialised by Jackson; sizes in octets, times in ISO-8601 UTC). */
public final class ApiModels {

    private ApiModels() {
    }

    public record DomainView(String name, Long defaultQuotaBytes, Long defaultQuotaMessages, boolean enabled, Instant createdAt) {
        static DomainView of(Domain d) {
            return new DomainView(d.name(), d.defaultQuotaBytes(), d.defaultQuotaMessages(), d.enabled(), d.createdAt());
        }
    }

    public record NewDomain(String name, Long defaultQuotaBytes, Long defaultQuotaMessages) {
    }

    public record DomainUpdate(Long defaultQuotaBytes, Long defaultQuotaMessages, Boolean enabled) {
    }

    public record AccountView(long id, String login, String domain, String displayName, boolean enabled, boolean active,
                              Long quotaBytes, Long quotaMessages, long usedBytes, long usedMessages, Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.login(), a.domain(), a.displayName(), a.enabled(), a.active(),
                    a.quotaBytes(), a.quotaMessages(), a.usedBytes(), a.usedMessages(), a.createdAt());
        }
    }

    public record AccountPage(List<AccountView> items, long total, int page, int size) {
    }

    public record NewAccount(String login, String displayName, String password, Long quotaBytes, Long quotaMessages) {
    }

    public record AccountUpdate(String displayName, Boolean enabled) {
    }

    public record QuotaUpdate(Long bytes, Long messages) {
    }

    public record PasswordUpdate(String password) {
    }

    public record PolicyRefusal(int status, String error, String message, List<Reason> reasons) {
    }

    public record Reason(String code, String message) {
    }
}
