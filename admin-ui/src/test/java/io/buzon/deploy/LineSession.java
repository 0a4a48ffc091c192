package io.buzon.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A CRLF line dialogue on a plain socket (POP3, LMTP), as a client would type it. */
final class LineSession implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private LineSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    static LineSession open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        return new LineSession(socket);
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line; fails on end of stream. */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed by the server");
        }
        return line;
    }

    /** The next line within the timeout, or null when the server closed the connection. */
    String readLine(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return in.readLine();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            }
        }
    }

    String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
