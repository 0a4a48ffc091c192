package io.buzon.pop3.it;

import io.buzon.store.Actor;
import io.buzon.store.password.PasswordService;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveredMessage;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.domain.DomainService;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.quota.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Accounts with passwords and delivered mail in the real store, with unique names per test. */
@ApplicationScoped
public class TestMailboxes {

    public static final String PASSWORD = "Tr0ub4dor&3-horse-staple";

    @Inject
    DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    QuotaService quotas;

    @Inject
    PasswordService passwords;

    public Account newAccount() {
        var domain = domains.create(Actor.system("test"), "p" + UUID.randomUUID().toString().substring(0, 12) + ".test", null, null);
        Account account = accounts.create(Actor.system("test"), "u" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain.name(), null);
        var change = passwords.setPassword(Actor.system("test"), account.id(), PASSWORD);
        if (!change.accepted()) {
            throw new IllegalStateException("test password refused: " + change.violations());
        }
        return account;
    }

    public DeliveredMessage deliver(Account account, String content) {
        return deliver(account, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public DeliveredMessage deliver(Account account, byte[] content) {
        try {
            StagedContent staged = delivery.stage(new ByteArrayInputStream(content));
            try {
                return delivery.deliver(account.id(), staged, null, null, null);
            } finally {
                delivery.release(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Usage usage(Account account) {
        return quotas.usage(account.id());
    }

    public void disable(Account account) {
        accounts.setEnabled(Actor.system("test"), account.id(), false);
    }

    /** A unique message, so deduplication across tests never merges contents. */
    public static String message(String subject, String body) {
        return "Message-ID: <" + UUID.randomUUID() + "@test>\r\nSubject: " + subject + "\r\n\r\n" + body;
    }
}
