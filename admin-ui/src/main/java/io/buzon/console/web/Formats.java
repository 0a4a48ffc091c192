package io.buzon.console.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console prints times (UTC, to the minute) and sizes (binary units), usable in templates. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Formats() {
    }

    public static String when(OffsetDateTime t) {
        return t == null ? "—" : MINUTE.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    public static String when(Instant t) {
        return t == null ? "—" : MINUTE.format(t.atOffset(ZoneOffset.UTC));
    }

    /** 1536 → "1.5 KiB"; exact bytes below 1 KiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[unit]);
    }

    /** Bytes as whole MiB for a form field; blank when unset (unlimited / inherit). */
    public static String mib(Long bytes) {
        return bytes == null ? "" : Long.toString(bytes / (1024L * 1024L));
    }

    public static String bytes(Long n) {
        return n == null ? "—" : bytes(n.longValue());
    }

    /** A number as text, for message parameters. */
    public static String str(long n) {
        return Long.toString(n);
    }

    public static String str(int n) {
        return Integer.toString(n);
    }

    /** Percentage 0–100 of used against limit; 0 when there is no limit. */
    public static int percentOf(long used, long limit) {
        if (limit <= 0) {
            return 0;
        }
        return (int) Math.min(100, Math.round(used * 100.0 / limit));
    }
}
