package io.buzon.store.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The last successful login per account ({@code account_login}), written by {@link AuthService}. */
@ApplicationScoped
public class LoginRecords {

    @Inject
    DataSource dataSource;

    void recordSuccess(long accountId, String service, String remoteAddress) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into account_login (account_id, last_login_at, "
                     + "last_login_service, last_login_address) values (?, now(), ?, ?) on conflict (account_id) "
                     + "do update set last_login_at = excluded.last_login_at, last_login_service = "
                     + "excluded.last_login_service, last_login_address = excluded.last_login_address")) {
            s.setLong(1, accountId);
            s.setString(2, service);
            s.setString(3, remoteAddress);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the login of account " + accountId, e);
        }
    }

    public Optional<LastLogin> lastLogin(long accountId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select last_login_at, last_login_service, last_login_address "
                     + "from account_login where account_id = ? and last_login_at is not null")) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new LastLogin(accountId, r.getTimestamp(1).toInstant(), r.getString(2),
                        r.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the last login of account " + accountId, e);
        }
    }
}
