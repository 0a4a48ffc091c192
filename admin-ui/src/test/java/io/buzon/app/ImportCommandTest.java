package io.buzon.app;

import io.buzon.store.importer.ImportService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code import} command line of the packaged application, against the real store. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ImportCommandTest {

    /** SHA512-CRYPT of "bob", as a Dovecot passwd-file holds it. */
    private static final String SHA512_HASH_OF_BOB =
            "$6$s4ltS4lt$AC6Xm9n/0noG6Tdh.hVSh7RT0.bhr0MO7t5ZiL3sP9qgA.BClj84qm3GIZWBos84N0GM0rxq2OBOerTBz2Ucp0";

    @Inject
    ImportService imports;

    @TempDir
    Path dir;

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String message(String subject) {
        return "From: someone@remote.test\nTo: user\nSubject: " + subject + "\n\nBody of " + subject + "\n";
    }

    @Test
    void commandLineRunsTheImportAndRefusesBadUsage() throws Exception {
        ImportCommand command = new ImportCommand();
        command.imports = imports;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, command.run(List.of("import", "--mbox"), new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mbox needs a value"));
        assertEquals(2, command.run(List.of("--passwd-file", dir.resolve("absent").toString()),
                new PrintStream(out), new PrintStream(err)));

        String domain = "cli" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Path passwd = write(dir.resolve("cli-users"), "zed@" + domain + ":{SHA512-CRYPT}" + SHA512_HASH_OF_BOB + "::::\n");
        Path maildir = dir.resolve("cli-root/" + domain + "/zed/Maildir");
        write(maildir.resolve("cur/1700000001.M1.mx:2,"), message("cli"));
        out.reset();
        assertEquals(0, command.run(List.of("import", "--passwd-file", passwd.toString(), "--maildir-root",
                dir.resolve("cli-root").toString()), new PrintStream(out), new PrintStream(err)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Imported 1 messages"), text);
        assertTrue(text.contains("zed@" + domain), text);
        out.reset();
        assertEquals(0, command.run(List.of("import", "--passwd-file", passwd.toString(), "--maildir-root",
                dir.resolve("cli-root").toString()), new PrintStream(out), new PrintStream(err)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Imported 0 messages"));
    }
}
