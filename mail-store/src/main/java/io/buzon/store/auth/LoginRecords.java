package io.buzon.store.auth;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The last successful login per account ({@code account_login}), written by {@link AuthService}. */
@ApplicationScoped
@StoreOperation
public class LoginRecords {

    @Inject
    DataSource dataSource;

    void recordSuccess(long accountId, String service, String remoteAddress) {
        Sql.execute(dataSource, "record the login of account " + accountId, c -> {
            try (PreparedStatement s = c.prepareStatement("insert into account_login (account_id, last_login_at, "
                         + "last_login_service, last_login_address) values (?, now(), ?, ?) on conflict (account_id) "
                         + "do update set last_login_at = excluded.last_login_at, last_login_service = "
                         + "excluded.last_login_service, last_login_address = excluded.last_login_address")) {
                s.setLong(1, accountId);
                s.setString(2, service);
                s.setString(3, remoteAddress);
                s.executeUpdate();
            }
        });
    }

    public Optional<LastLogin> lastLogin(long accountId) {
        return Sql.run(dataSource, "read the last login of account " + accountId, c -> {
            try (PreparedStatement s = c.prepareStatement("select last_login_at, last_login_service, last_login_address "
                         + "from account_login where account_id = ? and last_login_at is not null")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new LastLogin(accountId, r.getTimestamp(1).toInstant(), r.getString(2),
                            r.getString(3))) : Optional.empty();
                }
            }
        });
    }
}
