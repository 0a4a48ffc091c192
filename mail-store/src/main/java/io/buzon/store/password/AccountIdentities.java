package io.buzon.store.password;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** Reads the store's account and domain tables for password and login code. */
@ApplicationScoped
public class AccountIdentities {

    private static final String SELECT = "select a.id, a.domain_id, a.local_part || '@' || d.name, "
            + "a.enabled and d.enabled from account a join domain d on d.id = a.domain_id ";

    @Inject
    DataSource dataSource;

    public Optional<AccountIdentity> byId(long accountId) {
        return one(SELECT + "where a.id = ?", accountId);
    }

    /** Looks an account up by {@code local@domain}; the domain is case-insensitive. */
    public Optional<AccountIdentity> byLogin(String login) {
        String[] parts = split(login);
        if (parts == null) {
            return Optional.empty();
        }
        return one(SELECT + "where lower(d.name) = ? and a.local_part = ?", parts[1], parts[0]);
    }

    /** The domain of a login whose account may not exist, so unknown users get their domain's lockout policy. */
    public Optional<Long> domainIdOf(String login) {
        String[] parts = split(login);
        if (parts == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from domain where lower(name) = ?")) {
            s.setString(1, parts[1]);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up domain", e);
        }
    }

    /** {@code local@domain} with the domain lower-cased, the form lockout counters are keyed by. */
    public static String normalise(String login) {
        String[] parts = split(login);
        return parts == null ? (login == null ? "" : login.strip()) : parts[0] + "@" + parts[1];
    }

    private static String[] split(String login) {
        if (login == null) {
            return null;
        }
        String trimmed = login.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return null;
        }
        return new String[]{trimmed.substring(0, at), trimmed.substring(at + 1).toLowerCase(Locale.ROOT)};
    }

    private Optional<AccountIdentity> one(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccountIdentity(r.getLong(1), r.getLong(2), r.getString(3), r.getBoolean(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up account", e);
        }
    }
}
