package io.buzon.store.audit;

import io.buzon.store.jdbc.Sql;
import io.buzon.store.jdbc.StoreOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Names audit targets the way people search for them: {@code domain:example.test} and the account's login,
 * not row ids (an id says nothing once the row is gone).
 */
@ApplicationScoped
@StoreOperation
public class AuditTargets {

    @Inject
    DataSource dataSource;

    public String domain(long domainId) {
        return "domain:" + name("select name from domain where id = ?", domainId, "#" + domainId);
    }

    public String account(long accountId) {
        return name("select login from account where id = ?", accountId, "account:#" + accountId);
    }

    private String name(String sql, long id, String fallback) {
        return Sql.run(dataSource, "name audit target", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : fallback;
                }
            }
        });
    }
}
