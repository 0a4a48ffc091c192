package io.buzon.lmtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A large message written to disk line by line (never held in memory), with a dot at the start of every
 * 50th line (so it needs dot-stuffing on the wire) and 8-bit UTF-8 text, and the SHA-256 of its bytes.
 */
record BigMessageFile(Path path, long size, String sha256) {

    static BigMessageFile write(Path path, long atLeastOctets) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(head);
            sha.update(head);
            size += head.length;
            for (int i = 0; size < atLeastOctets; i++) {
                byte[] line = ((i % 50 == 0 ? "." : "") + "line " + i + " \u00f1 " + "y".repeat(64) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(line);
                sha.update(line);
                size += line.length;
            }
        }
        return new BigMessageFile(path, size, HexFormat.of().formatHex(sha.digest()));
    }
}
