package io.buzon.lmtp;

import java.util.List;

/** The settings one session works with; a plain value so the protocol core is testable without Quarkus. */
public record LmtpSettings(String hostname, long maxMessageSize, boolean quotaFullTempfail, int maxCommandLength,
                           int maxRecipients, int maxErrors, List<Integer> quotaWarningThresholds) {

    public static LmtpSettings from(LmtpConfig config, String defaultHostname) {
        return new LmtpSettings(config.hostname().filter(h -> !h.isBlank()).orElse(defaultHostname),
                config.maxMessageSize(), config.quotaFullTempfail(), config.maxCommandLength(),
                config.maxRecipients(), config.maxErrors(), config.quotaWarningThresholds());
    }
}
