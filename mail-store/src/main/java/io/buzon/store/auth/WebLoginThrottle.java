package io.buzon.store.auth;

import io.buzon.store.jdbc.StoreOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Limits password guessing on the console's and self-service login pages: after {@code login-max-failures} failures within
 * {@code login-window} for one login name, or from one source address, further attempts are refused
 * without checking the password. Counted in the database so all replicas share the count.
 */
@ApplicationScoped
@StoreOperation
public class WebLoginThrottle {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "buzon.console.login-max-failures", defaultValue = "5")
    int maxFailures;

    @ConfigProperty(name = "buzon.console.login-window", defaultValue = "PT15M")
    Duration window;

    @Transactional
    public boolean blocked(String scope, String login, String sourceAddress) {
        OffsetDateTime since = OffsetDateTime.now().minus(window);
        return failures(key(scope, "user", login), since) >= maxFailures
                || failures(key(scope, "addr", sourceAddress), since) >= maxFailures * 4L;
    }

    @Transactional
    public void recordFailure(String scope, String login, String sourceAddress) {
        insert(key(scope, "user", login));
        insert(key(scope, "addr", sourceAddress));
        em.createNativeQuery("delete from console_login_failure where failed_at < ?1")
                .setParameter(1, OffsetDateTime.now().minus(window))
                .executeUpdate();
    }

    @Transactional
    public void recordSuccess(String scope, String login) {
        em.createNativeQuery("delete from console_login_failure where throttle_key = ?1")
                .setParameter(1, key(scope, "user", login))
                .executeUpdate();
    }

    private long failures(String key, OffsetDateTime since) {
        Number n = (Number) em.createNativeQuery(
                        "select count(*) from console_login_failure where throttle_key = ?1 and failed_at >= ?2")
                .setParameter(1, key)
                .setParameter(2, since)
                .getSingleResult();
        return n.longValue();
    }

    private void insert(String key) {
        em.createNativeQuery("insert into console_login_failure (throttle_key) values (?1)")
                .setParameter(1, key)
                .executeUpdate();
    }

    private static String key(String scope, String kind, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.length() > 350) {
            v = v.substring(0, 350);
        }
        return scope + ":" + kind + ":" + v;
    }
}
