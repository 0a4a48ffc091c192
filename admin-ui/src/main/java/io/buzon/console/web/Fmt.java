package io.buzon.console.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Formatting for values that may be null (never-used tokens, unretrieved messages, unlimited quotas), as
 * {@code fmt:when(x)}: a null base in {@code x.when} would be a rendering error.
 */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

    private Fmt() {
    }

    static String when(Instant t) {
        return Formats.when(t);
    }

    static String whenOffset(OffsetDateTime t) {
        return Formats.when(t);
    }

    static String mib(Long bytes) {
        return Formats.mib(bytes);
    }

    static String size(Long bytes) {
        return Formats.bytes(bytes);
    }
}
