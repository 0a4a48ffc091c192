package io.buzon.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A strict, blocking POP3 client: every {@code -ERR} or malformed answer is thrown as an error. */
final class Pop3Client implements Closeable {

    /** One LIST entry. */
    record Entry(int number, long size) {
    }

    private final BenchOptions options;
    private Socket socket;
    private WireReader reader;
    private OutputStream out;
    private final int bufferSize;

    private Pop3Client(BenchOptions options, int bufferSize) {
        this.options = options;
        this.bufferSize = bufferSize;
    }

    /** Connects, reads the greeting and, depending on the TLS mode, completes TLS or STLS. */
    static Pop3Client connect(BenchOptions o, int bufferSize) throws IOException {
        Pop3Client c = new Pop3Client(o, bufferSize);
        try {
            c.open();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void open() throws IOException {
        Socket plain = new Socket();
        socket = plain;
        plain.setTcpNoDelay(true);
        plain.setSoTimeout((int) options.timeout.toMillis());
        plain.connect(new InetSocketAddress(options.host, options.port), (int) options.timeout.toMillis());
        if (options.tls == TlsMode.TLS) {
            socket = Tls.wrap(plain, options.host, options.port, options.tlsResume);
        }
        attach();
        expectOk("greeting", reader.readLine());
        if (options.tls == TlsMode.STLS) {
            command("STLS");
            socket = Tls.wrap(socket, options.host, options.port, options.tlsResume);
            attach();
        }
    }

    private void attach() throws IOException {
        reader = new WireReader(socket.getInputStream(), bufferSize);
        out = new BufferedOutputStream(socket.getOutputStream(), 512);
    }

    void login(String user, String password) throws IOException {
        command("USER " + user);
        send("PASS " + password);
        expectOk("PASS (user " + user + ")", reader.readLine());
    }

    /** STAT: {count, octets}. */
    long[] stat() throws IOException {
        String line = command("STAT");
        String[] parts = line.split(" ");
        if (parts.length < 3) {
            throw new WireReader.ProtocolException("malformed STAT answer: " + line);
        }
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    List<Entry> list() throws IOException {
        command("LIST");
        List<Entry> entries = new ArrayList<>();
        for (String line : reader.readMultilineLines()) {
            int sp = line.indexOf(' ');
            if (sp <= 0) {
                throw new WireReader.ProtocolException("malformed LIST line: " + line);
            }
            entries.add(new Entry(Integer.parseInt(line.substring(0, sp)), Long.parseLong(line.substring(sp + 1).trim())));
        }
        return entries;
    }

    List<String> uidl() throws IOException {
        command("UIDL");
        return reader.readMultilineLines();
    }

    /** RETR n; returns the un-stuffed octet count, which the caller compares to the LIST size. */
    long retr(int number) throws IOException {
        command("RETR " + number);
        return reader.readMultiline();
    }

    void dele(int number) throws IOException {
        command("DELE " + number);
    }

    void noop() throws IOException {
        command("NOOP");
    }

    void rset() throws IOException {
        command("RSET");
    }

    void quit() throws IOException {
        command("QUIT");
        close();
    }

    /** Sends a command and returns its +OK line. */
    String command(String cmd) throws IOException {
        send(cmd);
        return expectOk(cmd.startsWith("PASS ") ? "PASS" : cmd, reader.readLine());
    }

    private void send(String cmd) throws IOException {
        out.write((cmd + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String expectOk(String what, String line) throws IOException {
        if (!line.startsWith("+OK")) {
            throw new ServerError(what + ": " + line);
        }
        return line;
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing is best effort: the outcome was already recorded
        }
    }

    /** The server answered {@code -ERR} (or anything but {@code +OK}) where success was due. */
    static final class ServerError extends IOException {
        ServerError(String message) {
            super(message);
        }
    }
}
