package io.buzon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the load generator measures what it claims and counts what is wrong, against a tiny POP3
 * responder on a random port: exact sizes with dot-stuffed bodies pass, a size that differs from LIST,
 * a missing terminator and an {@code -ERR} are each counted once per operation.
 */
class BenchSelfTest {

    private TinyPop3 server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exactSizesWithStuffedLinesAreCountedWithoutError() throws Exception {
        byte[] body = Messages.message(5000, "self-test");
        server = new TinyPop3(body, body.length, true, false);
        BenchResult r = Bench.run(options("retr"));
        assertEquals(0, r.errors(), () -> String.join("\n", r.firstErrors()));
        assertEquals(3, r.operations());
        assertEquals(3L * 5000, r.bytes());
        assertTrue(r.resultLine().startsWith("RESULT label=self-test scenario=retr tls=plain clients=1 ops=3 "), r.resultLine());
        assertTrue(r.resultLine().contains(" bytes=15000 "), r.resultLine());
        assertTrue(r.resultLine().endsWith(" errors=0"), r.resultLine());
    }

    @Test
    void aSizeDifferentFromListIsAnErrorForEveryRetrieval() throws Exception {
        byte[] body = Messages.message(5000, "self-test");
        server = new TinyPop3(body, body.length + 1, true, false);
        BenchResult r = Bench.run(options("retr"));
        assertEquals(3, r.errors());
        assertEquals(0, r.operations());
        assertTrue(r.firstErrors().get(0).contains("LIST said 5001 octets, the un-stuffed body had 5000"), r.firstErrors().get(0));
        assertTrue(r.resultLine().endsWith(" errors=3"), r.resultLine());
    }

    @Test
    void aBodyWithoutTerminatorIsAnError() throws Exception {
        byte[] body = Messages.message(3000, "self-test");
        server = new TinyPop3(body, body.length, false, false);
        BenchOptions o = options("retr");
        o.count = 1;
        BenchResult r = Bench.run(o);
        assertEquals(1, r.errors());
        assertTrue(r.firstErrors().get(0).contains("EOFException"), r.firstErrors().get(0));
    }

    @Test
    void aRejectedLoginIsAnError() throws Exception {
        server = new TinyPop3(Messages.message(1000, "x"), 1000, true, true);
        BenchResult r = Bench.run(options("login"));
        assertEquals(3, r.errors());
        assertEquals(0, r.operations());
        assertTrue(r.firstErrors().get(0).contains("PASS (user u1@bench.test): -ERR [AUTH] invalid"), r.firstErrors().get(0));
    }

    @Test
    void loginsAgainstAHealthyServerAreMeasured() throws Exception {
        server = new TinyPop3(Messages.message(1000, "x"), 1000, true, false);
        BenchResult r = Bench.run(options("login"));
        assertEquals(0, r.errors(), () -> String.join("\n", r.firstErrors()));
        assertEquals(3, r.operations());
    }

    private BenchOptions options(String scenario) {
        return BenchOptions.parse("--scenario", scenario, "--label", "self-test", "--port", Integer.toString(server.port()),
                "--concurrency", "1", "--count", "3", "--warmup", "0", "--timeout", "5s",
                "--user-pattern", "u%d@bench.test", "--user-count", "2");
    }

    /** Serves one message; can announce a wrong size, omit the terminator or refuse every password. */
    private static final class TinyPop3 implements AutoCloseable {
        private final ServerSocket socket;
        private final byte[] stuffed;
        private final long announced;
        private final boolean terminate;
        private final boolean refuse;

        TinyPop3(byte[] body, long announced, boolean terminate, boolean refuse) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.stuffed = Messages.stuff(body);
            this.announced = announced;
            this.terminate = terminate;
            this.refuse = refuse;
            Thread acceptor = new Thread(this::acceptLoop, "tiny-pop3");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread t = new Thread(() -> serve(s), "tiny-pop3-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                write(out, "+OK tiny ready\r\n");
                String line;
                while ((line = in.readLine()) != null) {
                    String cmd = line.split(" ")[0];
                    switch (cmd) {
                        case "USER", "NOOP" -> write(out, "+OK\r\n");
                        case "PASS" -> write(out, refuse ? "-ERR [AUTH] invalid user name or password\r\n" : "+OK logged in\r\n");
                        case "STAT" -> write(out, "+OK 1 " + announced + "\r\n");
                        case "LIST" -> write(out, "+OK 1 message\r\n1 " + announced + "\r\n.\r\n");
                        case "RETR" -> {
                            write(out, "+OK " + announced + " octets\r\n");
                            out.write(stuffed);
                            if (!terminate) {
                                return; // close without the terminator
                            }
                            write(out, ".\r\n");
                        }
                        case "QUIT" -> {
                            write(out, "+OK bye\r\n");
                            return;
                        }
                        default -> write(out, "-ERR unknown command\r\n");
                    }
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        private static void write(OutputStream out, String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
