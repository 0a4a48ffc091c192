package io.buzon.lmtp;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.QuotaWarningMarks;
import io.buzon.store.quota.Quota;
import io.buzon.store.quota.QuotaService;
import io.buzon.store.quota.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Tells an account, once per crossing, that its usage passed a threshold of its quota
 * ({@code buzon.lmtp.quota-warning-thresholds}). Which thresholds were announced is kept in
 * {@code lmtp_quota_warning}; a threshold is forgotten when usage is found below it again, so the next
 * crossing warns again. Checked after each LMTP delivery (usage only grows by delivery).
 */
@ApplicationScoped
public class QuotaWarnings {

    private static final Logger LOG = Logger.getLogger(QuotaWarnings.class);

    private final QuotaWarningMarks marks;
    private final QuotaService quotas;
    private final AccountService accounts;
    private final DeliveryService delivery;
    private final LmtpMetrics metrics;
    private final List<Integer> thresholds;
    private final String hostname;

    public QuotaWarnings(QuotaWarningMarks marks, QuotaService quotas, AccountService accounts, DeliveryService delivery,
                         LmtpMetrics metrics, LmtpConfig config) {
        this.marks = marks;
        this.quotas = quotas;
        this.accounts = accounts;
        this.delivery = delivery;
        this.metrics = metrics;
        this.thresholds = config.quotaWarningThresholds().stream().filter(t -> t > 0 && t <= 100).sorted().toList();
        this.hostname = config.hostname().filter(h -> !h.isBlank()).orElse("localhost");
    }

    /** The percentage of the quota in use: the larger of bytes and messages; -1 when unlimited. */
    static int percentUsed(Quota quota, Usage usage) {
        double p = -1;
        if (quota.bytes() != null && quota.bytes() > 0) {
            p = Math.max(p, 100.0 * usage.bytes() / quota.bytes());
        }
        if (quota.messages() != null && quota.messages() > 0) {
            p = Math.max(p, 100.0 * usage.messages() / quota.messages());
        }
        return p < 0 ? -1 : (int) Math.floor(p);
    }

    /**
     * Checks the account after a delivery; delivers at most one warning (for the highest threshold newly
     * passed). Returns the threshold warned about, or 0.
     */
    public int afterDelivery(long accountId) {
        if (thresholds.isEmpty()) {
            return 0;
        }
        return afterDelivery(accountId, quotas.effectiveQuota(accountId), quotas.usage(accountId));
    }

    /**
     * As {@link #afterDelivery(long)}, with the quota and usage the delivery itself committed (saves two
     * reads per delivered message).
     */
    public int afterDelivery(long accountId, Quota quota, Usage usage) {
        if (thresholds.isEmpty()) {
            return 0;
        }
        int percent = percentUsed(quota, usage);
        Set<Integer> fired = firedThresholds(accountId);
        List<Integer> reached = new ArrayList<>();
        for (int t : thresholds) {
            if (percent >= t) {
                if (!fired.contains(t)) {
                    reached.add(t);
                }
            } else if (fired.contains(t)) {
                forget(accountId, t);
            }
        }
        if (reached.isEmpty()) {
            return 0;
        }
        // Claim the thresholds first: of two concurrent deliveries only one wins the insert and warns.
        List<Integer> claimed = new ArrayList<>();
        for (int t : reached) {
            if (claim(accountId, t)) {
                claimed.add(t);
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        int highest = claimed.get(claimed.size() - 1);
        try {
            sendWarning(accountId, highest, percent, quota, usage);
            metrics.quotaWarningSent();
            return highest;
        } catch (RuntimeException e) {
            // Not delivered (mailbox full, for one): forget the claim so a later delivery tries again.
            for (int t : claimed) {
                forget(accountId, t);
            }
            LOG.warnf("quota warning for account %d at %d %% not delivered: %s", accountId, highest, e.getMessage());
            return 0;
        }
    }

    Set<Integer> firedThresholds(long accountId) {
        return marks.announced(accountId);
    }

    private boolean claim(long accountId, int threshold) {
        return marks.claim(accountId, threshold);
    }

    private void forget(long accountId, int threshold) {
        marks.forget(accountId, threshold);
    }

    private void sendWarning(long accountId, int threshold, int percent, Quota quota, Usage usage) {
        String login = accounts.find(accountId).map(Account::login).orElse("postmaster");
        byte[] message = warningMessage(login, threshold, percent, quota, usage);
        try {
            delivery.deliverOne(accountId, new ByteArrayInputStream(message), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] warningMessage(String login, int threshold, int percent, Quota quota, Usage usage) {
        String date = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        StringBuilder limits = new StringBuilder();
        if (quota.bytes() != null) {
            limits.append(String.format(Locale.ROOT, "  Storage:  %,d of %,d bytes%n", usage.bytes(), quota.bytes()));
        }
        if (quota.messages() != null) {
            limits.append(String.format(Locale.ROOT, "  Messages: %,d of %,d%n", usage.messages(), quota.messages()));
        }
        String text = "From: Mail system <postmaster@" + hostname + ">\r\n"
                + "To: <" + login + ">\r\n"
                + "Subject: Your mailbox is " + threshold + "% full\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <quota-" + UUID.randomUUID() + "@" + hostname + ">\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Your mailbox " + login + " is now " + percent + "% full.\r\n"
                + "\r\n"
                + limits.toString().replace("\n", "\r\n").replace("\r\r\n", "\r\n")
                + "\r\n"
                + "When it is full, new mail is refused. Delete messages you no longer need,\r\n"
                + "or ask your administrator for more space.\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
