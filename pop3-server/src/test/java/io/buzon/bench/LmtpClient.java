package io.buzon.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A strict, blocking LMTP client (RFC 2033): any reply but the expected class is thrown as an error. */
final class LmtpClient implements Closeable {

    private final Socket socket;
    private final WireReader reader;
    private final OutputStream out;

    LmtpClient(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            reader = new WireReader(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect("greeting", '2');
            send("LHLO bench.test");
            expect("LHLO", '2');
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * One transaction. {@code stuffedBody} is CRLF text already dot-stuffed, without the terminator;
     * one 2xx per recipient after DATA is required.
     */
    void deliver(String from, List<String> recipients, byte[] stuffedBody) throws IOException {
        send("MAIL FROM:<" + from + ">");
        expect("MAIL FROM", '2');
        for (String r : recipients) {
            send("RCPT TO:<" + r + ">");
            expect("RCPT TO:<" + r + ">", '2');
        }
        send("DATA");
        expect("DATA", '3');
        out.write(stuffedBody);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String r : recipients) {
            expect("delivery to " + r, '2');
        }
    }

    void quit() throws IOException {
        send("QUIT");
        expect("QUIT", '2');
        close();
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads a possibly multi-line reply ({@code 250-...} lines then {@code 250 ...}). */
    private void expect(String what, char replyClass) throws IOException {
        String line;
        do {
            line = reader.readLine();
            if (line.length() < 3) {
                throw new WireReader.ProtocolException(what + ": malformed reply '" + line + "'");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (line.charAt(0) != replyClass) {
            throw new Pop3Client.ServerError(what + ": " + line);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
