package io.buzon.lmtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Python's smtplib.LMTP (an independent client) against a port; returns its printed transcript. */
public final class PythonLmtpClient {

    private PythonLmtpClient() {
    }

    public static List<String> deliver(int port, String sender, Path body, String... recipients)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lmtp-client");
        Path script = dir.resolve("lmtp_client.py");
        try (InputStream in = PythonLmtpClient.class.getResourceAsStream("/io/buzon/lmtp/lmtp_client.py")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), String.valueOf(port), sender,
                body.toString()));
        command.addAll(List.of(recipients));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("python LMTP client did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("python LMTP client failed:\n" + text);
        }
        Files.delete(script);
        Files.delete(dir);
        return text.lines().toList();
    }
}
