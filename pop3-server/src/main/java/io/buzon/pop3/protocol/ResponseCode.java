package io.buzon.pop3.protocol;

/** Extended response codes (RFC 2449 section 8, RFC 3206, RFC 6856). */
public enum ResponseCode {
    IN_USE("IN-USE"),
    LOGIN_DELAY("LOGIN-DELAY"),
    SYS_TEMP("SYS/TEMP"),
    SYS_PERM("SYS/PERM"),
    AUTH("AUTH"),
    UTF8("UTF8");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
