package io.buzon.console.web;

import jakarta.ws.rs.core.NewCookie;

/**
 * The console's cookies: HttpOnly, SameSite=Strict (a cross-site form post arrives without them), and
 * Secure whenever the request came over HTTPS (directly or, with proxy forwarding enabled, via the proxy).
 */
public final class Cookies {

    public static final String ADMIN_SESSION = "buzon_console";
    public static final String MAILBOX_SESSION = "buzon_me";
    public static final String PRE_LOGIN = "buzon_prelogin";

    private Cookies() {
    }

    public static NewCookie session(String name, String value, boolean secure) {
        return build(name, value, -1, secure, true);
    }

    public static NewCookie expired(String name, boolean secure) {
        return build(name, "", 0, secure, true);
    }

    public static NewCookie language(String lang, boolean secure) {
        return build(Languages.COOKIE, lang, 365 * 24 * 3600, secure, false);
    }

    private static NewCookie build(String name, String value, int maxAge, boolean secure, boolean httpOnly) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(httpOnly)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
