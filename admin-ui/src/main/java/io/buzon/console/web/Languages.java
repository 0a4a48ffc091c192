package io.buzon.console.web;

import java.util.List;
import java.util.Locale;

/** The console's languages and how one is chosen: the switch's cookie, then Accept-Language, then English. */
public final class Languages {

    public static final String COOKIE = "buzon_lang";
    public static final List<String> SUPPORTED = List.of("en", "es");

    private Languages() {
    }

    public static Locale choose(String cookie, String acceptLanguage) {
        if (cookie != null && SUPPORTED.contains(cookie)) {
            return Locale.forLanguageTag(cookie);
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
                String best = Locale.lookupTag(ranges, SUPPORTED);
                if (best != null) {
                    return Locale.forLanguageTag(best);
                }
            } catch (IllegalArgumentException malformed) {
                // fall through to English
            }
        }
        return Locale.ENGLISH;
    }
}
