package io.buzon.store.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers logins that passed a full hash verification, so a client that logs in again with the same
 * password (POP3 clients poll every few minutes) skips the argon2id work. Like Dovecot's auth cache,
 * but an entry only says "this password was right for this stored credential": the caller compares
 * the stored hash it reads from the database anyway, so a password change, reset, import, rehash or
 * app-password revocation makes the entry useless at once.
 *
 * <p>Keys are HMAC-SHA256 of login, service class and password under a random key made per process
 * and never written anywhere: neither the password nor anything that can be attacked offline without
 * that key is held. Bounded (least recently used out first) and each entry expires {@code ttl} after
 * the verification that made it; hits do not extend it. Thread-safe.
 */
final class VerifiedCredentialCache {

    /** What a full verification proved. {@code storedHash} is the hash verified against. */
    private record Verified(long accountId, AuthCredential credential, String storedHash, Long appPasswordId,
                         long verifiedAtNanos) {
    }

    private final int maxEntries;
    private final long ttlNanos;
    private final SecretKeySpec key;
    private final Map<String, Verified> entries;

    VerifiedCredentialCache(int maxEntries, Duration ttl) {
        this.maxEntries = Math.max(maxEntries, 0);
        this.ttlNanos = ttl == null || ttl.isNegative() ? 0 : saturatedNanos(ttl);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > VerifiedCredentialCache.this.maxEntries;
            }
        };
    }

    /** A TTL of 0 or no room at all turns the cache off: every login verifies. */
    boolean enabled() {
        return maxEntries > 0 && ttlNanos > 0;
    }

    /** The cache key for this attempt, or null when the cache is off. */
    String key(String normalisedLogin, String serviceClass, String password) {
        if (!enabled()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(normalisedLogin.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(serviceClass.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * True when {@code key} was verified for this account and credential against exactly
     * {@code storedHash} (and app password id) within the TTL. A stale entry of that kind is dropped.
     */
    boolean confirms(String key, long accountId, AuthCredential credential, String storedHash, Long appPasswordId) {
        if (key == null) {
            return false;
        }
        synchronized (entries) {
            Verified entry = entries.get(key);
            if (entry == null || entry.credential() != credential) {
                return false;
            }
            boolean fresh = System.nanoTime() - entry.verifiedAtNanos() < ttlNanos;
            if (fresh && entry.accountId() == accountId && entry.storedHash().equals(storedHash)
                    && Objects.equals(entry.appPasswordId(), appPasswordId)) {
                return true;
            }
            entries.remove(key);
            return false;
        }
    }

    /** Records a successful full verification (or re-keys after a rehash) of {@code key}. */
    void remember(String key, long accountId, AuthCredential credential, String storedHash, Long appPasswordId) {
        if (key == null || storedHash == null) {
            return;
        }
        Verified entry = new Verified(accountId, credential, storedHash, appPasswordId, System.nanoTime());
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static long saturatedNanos(Duration ttl) {
        try {
            return ttl.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
