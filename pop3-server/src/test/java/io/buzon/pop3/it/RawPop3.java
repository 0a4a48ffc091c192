package io.buzon.pop3.it;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A POP3 connection at the byte level: send exact octets, read exact lines and multi-line bodies. */
public final class RawPop3 implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawPop3(Socket socket) throws IOException {
        use(socket);
    }

    public static RawPop3 plain(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        return new RawPop3(socket);
    }

    public static RawPop3 tls(int port, SSLSocketFactory factory) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        return new RawPop3(socket);
    }

    private void use(Socket next) throws IOException {
        this.socket = next;
        this.in = next.getInputStream();
        this.out = next.getOutputStream();
    }

    /** Upgrades after the server's +OK to STLS, optionally limited to the given protocol versions. */
    public void startTls(SSLSocketFactory factory, String... protocols) throws IOException {
        SSLSocket upgraded = (SSLSocket) factory.createSocket(socket, "127.0.0.1", socket.getPort(), true);
        if (protocols.length > 0) {
            upgraded.setEnabledProtocols(protocols);
        }
        upgraded.setSoTimeout(15_000);
        upgraded.startHandshake();
        use(upgraded);
    }

    /** The client's view of the TLS session (the connection must be secure). */
    public javax.net.ssl.SSLSession session() {
        return ((SSLSocket) socket).getSession();
    }

    public boolean secure() {
        return socket instanceof SSLSocket;
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command (CRLF added) and returns the single-line response with its CRLF. */
    public String command(String line) throws IOException {
        write(line + "\r\n");
        return readLine();
    }

    /** One line including its CRLF; empty string at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
            if (previous == '\r' && b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            previous = b;
        }
    }

    /** Everything up to and including the CRLF.CRLF terminator, exactly as sent (still stuffed). */
    public String readMultiLine() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                throw new IOException("connection closed inside a multi-line response: " + text);
            }
            text.append(line);
            if (line.equals(".\r\n")) {
                return text.toString();
            }
        }
    }

    /** True when the server closed the connection (reads end of stream within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
