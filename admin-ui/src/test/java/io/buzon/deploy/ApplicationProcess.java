package io.buzon.deploy;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code admin-ui/target/quarkus-app/quarkus-run.jar}) as a separate JVM, the
 * way a pod runs it, on ports picked free for this test. Output goes to {@code target/<name>.log}.
 */
final class ApplicationProcess implements AutoCloseable {

    final String name;
    final int pop3Port;
    final int pop3sPort;
    final int lmtpPort;
    final int httpPort;
    final Path log;
    private final Process process;

    private ApplicationProcess(String name, Process process, Path log, int pop3Port, int pop3sPort, int lmtpPort, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pop3Port = pop3Port;
        this.pop3sPort = pop3sPort;
        this.lmtpPort = lmtpPort;
        this.httpPort = httpPort;
    }

    static ApplicationProcess start(String name, Map<String, String> settings) throws IOException {
        Path jar = Repository.resolve("admin-ui/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run after mvn package (failsafe does)");
        }
        int pop3 = freePort();
        int pop3s = freePort();
        int lmtp = freePort();
        int http = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dbuzon.pop3.port=" + pop3);
        command.add("-Dbuzon.pop3s.port=" + pop3s);
        command.add("-Dbuzon.lmtp.port=" + lmtp);
        command.add("-Dquarkus.http.port=" + http);
        command.add("-jar");
        command.add(jar.toString());
        Path log = Repository.resolve("admin-ui/target/" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ApplicationProcess(name, process, log, pop3, pop3s, lmtp, http);
    }

    /** Polls readiness until it answers 200 or the deadline passes; fails with the log's tail. */
    void awaitReady(Duration timeout) {
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                return status("/q/health/ready") == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " not ready within " + timeout + ":\n" + tail(), e);
        }
    }

    int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(5_000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYetListening) {
            return -1;
        }
    }

    String get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
        connection.setReadTimeout(10_000);
        try (var in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    /** A JSON API call with a bearer key; body null for none. */
    java.net.http.HttpResponse<String> api(String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as the kubelet sends it; returns how long the JVM took to exit. */
    Duration terminate(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not exit within " + limit + " after SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    boolean alive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
