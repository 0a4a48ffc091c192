package io.buzon.app;

import io.buzon.deploy.Repository;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mail-store owns the schema and every statement: the protocol module and the application hold no SQL,
 * no entity, no data source, no transaction of their own, and use the store only through its public
 * services and records (never its JDBC helpers or entity classes). Migrations live in mail-store alone.
 */
class StoreBoundaryTest {

    /** What only the store may use. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("import\\s+java\\.sql\\."),
            Pattern.compile("import\\s+javax\\.sql\\."),
            Pattern.compile("import\\s+jakarta\\.persistence\\."),
            Pattern.compile("import\\s+jakarta\\.transaction\\."),
            Pattern.compile("import\\s+org\\.hibernate\\."),
            Pattern.compile("import\\s+io\\.quarkus\\.hibernate\\."),
            Pattern.compile("import\\s+io\\.quarkus\\.panache\\."),
            Pattern.compile("import\\s+io\\.quarkus\\.narayana\\."),
            Pattern.compile("import\\s+io\\.agroal\\."),
            Pattern.compile("import\\s+io\\.buzon\\.store\\.jdbc\\."),
            Pattern.compile("import\\s+io\\.buzon\\.store\\.[\\w.]+Entity;"),
            Pattern.compile("@Entity\\b"),
            Pattern.compile("@Transactional\\b"),
            Pattern.compile("\\b(DataSource|EntityManager|PreparedStatement)\\b"),
            Pattern.compile("createNativeQuery|prepareStatement|getConnection\\("),
            // SQL is written in lower case here; a text such as "Update failed" is not SQL
            Pattern.compile("\"\\s*(select\\s+[\\w*(]+.*\\sfrom\\s|insert into\\s|update\\s+\\w+\\s+set\\s|delete from\\s)"));

    @Test
    void theApplicationAndTheProtocolsHoldNoSqlEntitiesOrDataSources() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (String module : List.of("admin-ui", "pop3-server")) {
            Path sources = Repository.resolve(module + "/src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    for (Pattern p : FORBIDDEN) {
                        var m = p.matcher(text);
                        if (m.find()) {
                            leaks.add(Repository.root().relativize(f) + ": " + m.group().strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "SQL, entities or data sources outside mail-store");
    }

    @Test
    void migrationsLiveOnlyInTheStore() throws IOException {
        for (String module : List.of("admin-ui", "pop3-server")) {
            Path migrations = Repository.resolve(module + "/src/main/resources/db");
            assertTrue(!Files.exists(migrations), module + " has its own migrations: " + migrations);
        }
        try (Stream<Path> files = Files.list(Repository.resolve("mail-store/src/main/resources/db/migration"))) {
            assertTrue(files.findAny().isPresent());
        }
    }
}
