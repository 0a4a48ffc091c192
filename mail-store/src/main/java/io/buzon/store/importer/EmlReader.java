package io.buzon.store.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists {@code .eml} files (one RFC 5322 message each) in a directory, in name order. A message has no
 * UIDL of its own, so it gets one derived from its content: importing the same file twice finds it again.
 */
public final class EmlReader {

    private EmlReader() {
    }

    public static List<MessageSource> read(Path dirOrFile) throws IOException {
        List<Path> files;
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> s = Files.list(dirOrFile)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml"))
                        .sorted().toList();
            }
        } else {
            files = List.of(dirOrFile);
        }
        List<MessageSource> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new MessageSource(f, contentUidl(f), Files.getLastModifiedTime(f).toInstant(),
                    f.getFileName().toString()));
        }
        return out;
    }

    static String contentUidl(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "em" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
