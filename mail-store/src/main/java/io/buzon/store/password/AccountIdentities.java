package io.buzon.store.password;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import io.buzon.store.ValidationException;
import io.buzon.store.account.LoginName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Optional;

/** Reads the store's account and domain tables for password and login code. */
@ApplicationScoped
@StoreOperation
public class AccountIdentities {

    private static final String SELECT = "select a.id, a.domain_id, a.login, a.enabled and d.enabled "
            + "from account a join domain d on d.id = a.domain_id ";

    @Inject
    DataSource dataSource;

    public Optional<AccountIdentity> byId(long accountId) {
        return one(SELECT + "where a.id = ?", accountId);
    }

    /** Looks an account up by {@code local@domain}, case-insensitively (as {@link LoginName} defines). */
    public Optional<AccountIdentity> byLogin(String login) {
        return parse(login).flatMap(name -> one(SELECT + "where a.login = ?", name.login()));
    }

    /** The domain of a login whose account may not exist, so unknown users get their domain's lockout policy. */
    public Optional<Long> domainIdOf(String login) {
        Optional<LoginName> name = parse(login);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Sql.run(dataSource, "look up domain", c -> {
            try (PreparedStatement s = c.prepareStatement("select id from domain where name = ?")) {
                s.setString(1, name.get().domain());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The login as accounts store it (lower-case {@code local@domain}), the form lockout counters and
     * fake SCRAM credentials are keyed by; malformed input is only trimmed and lower-cased.
     */
    public static String normalise(String login) {
        return parse(login).map(LoginName::login)
                .orElseGet(() -> login == null ? "" : login.strip().toLowerCase(Locale.ROOT));
    }

    private static Optional<LoginName> parse(String login) {
        try {
            return Optional.of(LoginName.parse(login));
        } catch (ValidationException malformed) {
            return Optional.empty();
        }
    }

    private Optional<AccountIdentity> one(String sql, Object... parameters) {
        return Sql.run(dataSource, "look up account", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new AccountIdentity(r.getLong(1), r.getLong(2), r.getString(3), r.getBoolean(4)));
                }
            }
        });
    }
}
