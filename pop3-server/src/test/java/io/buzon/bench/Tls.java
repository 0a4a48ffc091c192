package io.buzon.bench;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the benchmark client only: it trusts any certificate because both servers run with
 * self-signed ones on loopback. Never copy this into a real client.
 */
final class Tls {

    private static final SSLContext CONTEXT = create();

    private Tls() {
    }

    private static SSLContext create() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /**
     * Wraps a connected socket and completes the handshake. Unless resumption is wanted the session is
     * invalidated, so every connection pays a full handshake as distinct clients would.
     */
    static SSLSocket wrap(Socket plain, String host, int port, boolean resume) throws IOException {
        SSLSocket s = (SSLSocket) CONTEXT.getSocketFactory().createSocket(plain, host, port, true);
        s.setUseClientMode(true);
        s.startHandshake();
        if (!resume) {
            s.getSession().invalidate();
        }
        return s;
    }
}
