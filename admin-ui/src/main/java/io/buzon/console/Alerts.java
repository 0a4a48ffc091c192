package io.buzon.console;

/**
 * What a page says above its content: a confirmation (message key), or a refusal: the store's reason code
 * said in the reader's language ({@code reason} bundle), else a message key plus the store's English
 * explanation when it gave one.
 */
public record Alerts(String notice, String errorKey, String errorDetail, String reason) {

    public Alerts(String notice, String errorKey, String errorDetail) {
        this(notice, errorKey, errorDetail, null);
    }

    public static Alerts none() {
        return new Alerts(null, null, null);
    }

    public static Alerts done(String noticeKey) {
        return new Alerts(noticeKey, null, null);
    }

    public static Alerts error(String key) {
        return new Alerts(null, key, null);
    }

    public static Alerts of(ConsoleException e) {
        return refused(e.messageKey(), e.reason(), e.detail());
    }

    /**
     * A refusal under {@code fallbackKey} with the English {@code detail}, unless the store's
     * {@code reason} has its own text, which then says it all in the reader's language.
     */
    public static Alerts refused(String fallbackKey, String reason, String detail) {
        String shown = ConsoleException.shownReason(reason);
        return shown != null ? new Alerts(null, null, null, shown) : new Alerts(null, fallbackKey, detail);
    }
}
