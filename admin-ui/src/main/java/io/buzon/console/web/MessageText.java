package io.buzon.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * English text of a message key, for the JSON API (pages render keys through the Qute message bundle).
 * Reads the same file the bundle uses, so the two cannot drift.
 */
public final class MessageText {

    private static final Properties ENGLISH = load("messages/msg_en.properties");
    private static final Properties REASONS = load("messages/reason_en.properties");

    private MessageText() {
    }

    /** Whether the {@code reason} bundle has a text for this store reason code. */
    public static boolean hasReason(String code) {
        return REASONS.containsKey(code);
    }

    public static String english(String key) {
        return ENGLISH.getProperty(key, key);
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = MessageText.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
