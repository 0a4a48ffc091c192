package io.buzon.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository from a test running in any module directory. */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("admin-ui"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with deploy/ and admin-ui/) not found above "
                + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
