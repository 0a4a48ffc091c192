package io.buzon.ops;

import io.buzon.store.embedded.EmbeddedDatabase;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check against a real PostgreSQL, a stopped one, and a peer that never answers. */
class DatabaseReadinessCheckTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    @Test
    void upWhilePostgresqlAnswersAndDownOnceItIsGone() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            dataSource.setUrl(database.jdbcUrl());
            dataSource.setUser(database.quarkusDatasourceProperties().get("quarkus.datasource.username"));
            dataSource.setPassword(database.quarkusDatasourceProperties().get("quarkus.datasource.password"));
            HealthCheckResponse up = check(dataSource);
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals("database", up.getName());
            assertTrue(up.getData().orElseThrow().containsKey("elapsedMillis"));
        }
        HealthCheckResponse down = check(dataSource);
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertTrue(down.getData().orElseThrow().get("error").toString().contains("PSQLException"),
                down.getData().toString());
    }

    @Test
    void downWithinTheTimeoutWhenTheDatabaseNeverAnswers() throws IOException {
        // A listener that accepts connections and never says a word: a hung server or a black-holed route.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-postgres");
            acceptor.setDaemon(true);
            acceptor.start();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/buzon");
            dataSource.setUser("buzon");
            dataSource.setPassword("unused");
            DatabaseReadinessCheck check = new DatabaseReadinessCheck(new io.buzon.store.health.DatabaseProbe(dataSource), () -> () -> TIMEOUT);
            long start = System.nanoTime();
            HealthCheckResponse response = check.call().await().atMost(Duration.ofSeconds(30));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals("no answer within 800 ms", response.getData().orElseThrow().get("error"));
            assertTrue(elapsedMillis >= TIMEOUT.toMillis() && elapsedMillis < TIMEOUT.toMillis() + 2_000,
                    "answered after " + elapsedMillis + " ms");
            // The first query is still stuck: the next probe says so at once instead of starting another.
            HealthCheckResponse next = check.call().await().atMost(Duration.ofSeconds(1));
            assertEquals(HealthCheckResponse.Status.DOWN, next.getStatus());
            assertEquals("previous query still waiting for the database", next.getData().orElseThrow().get("error"));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static HealthCheckResponse check(javax.sql.DataSource dataSource) {
        OpsConfig config = () -> () -> TIMEOUT;
        return new DatabaseReadinessCheck(new io.buzon.store.health.DatabaseProbe(dataSource), config).call().await().atMost(Duration.ofSeconds(30));
    }
}
