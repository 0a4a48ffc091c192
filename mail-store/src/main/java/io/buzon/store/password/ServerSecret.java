package io.buzon.store.password;

import io.buzon.store.jdbc.StoreOperation;
import io.buzon.store.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.SecureRandom;

/**
 * A random 32-byte secret kept in {@code auth_secret}, created by whichever replica needs it first
 * (conditional insert), so every replica derives the same fake SCRAM credentials.
 */
@ApplicationScoped
@StoreOperation
public class ServerSecret {

    @Inject
    DataSource dataSource;

    private volatile byte[] secret;

    public byte[] value() {
        byte[] known = secret;
        if (known == null) {
            known = loadOrCreate();
            secret = known;
        }
        return known.clone();
    }

    private byte[] loadOrCreate() {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        return Sql.run(dataSource, "read the server secret", c -> {
                        try (PreparedStatement s = c.prepareStatement(
                    "insert into auth_secret (id, secret) values (1, ?) on conflict (id) do nothing")) {
                s.setBytes(1, candidate);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("select secret from auth_secret where id = 1");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBytes(1);
            }
        
        });
    }
}
