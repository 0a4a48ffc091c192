package io.buzon.store.retention;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Enforces POP3 LOGIN-DELAY (RFC 2449): after a successful authentication the POP3 server calls
 * {@link #admit}; a refusal maps to {@code -ERR [LOGIN-DELAY]}. One conditional upsert with the
 * database clock, so two replicas cannot both admit logins closer than the delay.
 */
@ApplicationScoped
@StoreOperation
public class LoginDelayGate {

    @Inject
    DataSource dataSource;

    @Inject
    RetentionRules rules;

    /** Admits the login and stamps its time, unless the previous admitted login is more recent than the delay. */
    public LoginDelayDecision admit(long accountId) {
        int delay = rules.effectiveRule(accountId).loginDelaySeconds();
        return Sql.run(dataSource, "check the login delay of account " + accountId, c -> {
                        try (PreparedStatement s = c.prepareStatement("insert into account_login as l (account_id, "
                    + "last_mail_login_at) values (?, now()) on conflict (account_id) do update set "
                    + "last_mail_login_at = now() where l.last_mail_login_at is null "
                    + "or l.last_mail_login_at <= now() - make_interval(secs => ?) returning 1")) {
                s.setLong(1, accountId);
                s.setInt(2, delay);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return new LoginDelayDecision(true, delay, 0);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select greatest(1, ceil(extract(epoch from "
                    + "last_mail_login_at + make_interval(secs => ?) - now())))::bigint from account_login "
                    + "where account_id = ?")) {
                s.setInt(1, delay);
                s.setLong(2, accountId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new LoginDelayDecision(false, delay, r.getLong(1));
                }
            }
        
        });
    }
}
