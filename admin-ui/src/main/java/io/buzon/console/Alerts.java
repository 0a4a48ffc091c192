package io.buzon.console;

/**
 * What a page says above its content: a confirmation (message key), or a refusal (message key, plus the
 * store's own explanation when it gave one).
 */
public record Alerts(String notice, String errorKey, String errorDetail) {

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
        return new Alerts(null, e.messageKey(), e.detail());
    }
}
