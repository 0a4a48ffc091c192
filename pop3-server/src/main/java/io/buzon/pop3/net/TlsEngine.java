package io.buzon.pop3.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.jboss.logging.Logger;

import javax.net.ssl.KeyManagerFactory;
import java.util.List;

/**
 * Which TLS implementation the listeners use. OpenSSL (BoringSSL shipped by netty-tcnative) does a full
 * handshake several times faster than the JDK's Java implementation of X25519 and RSA/ECDSA, and keeps
 * less memory per idle connection; the JDK engine remains for platforms without the native library.
 */
public enum TlsEngine {
    OPENSSL,
    JDK;

    private static final Logger LOG = Logger.getLogger(TlsEngine.class);

    /**
     * TLS 1.2 suites offered by the OpenSSL engine: forward secrecy and AEAD only (Vert.x would otherwise
     * enable everything BoringSSL knows, CBC and static-RSA suites included). TLS 1.3 suites are BoringSSL's
     * fixed set (AES-GCM and ChaCha20-Poly1305).
     */
    static final List<String> OPENSSL_TLS12_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS13_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /**
     * The engine that will really serve: OpenSSL when asked for and its native library loads here,
     * otherwise the JDK's (said once in the log, with the reason).
     */
    public TlsEngine effective() {
        if (this == OPENSSL && !OpenSsl.isAvailable()) {
            LOG.warnf("buzon.tls.engine=openssl but OpenSSL (netty-tcnative BoringSSL) is not available on %s/%s (%s): "
                            + "using the JDK TLS engine, with slower handshakes",
                    System.getProperty("os.name"), System.getProperty("os.arch"),
                    String.valueOf(OpenSsl.unavailabilityCause()));
            return JDK;
        }
        return this;
    }

    /** Netty's provider for this engine (for contexts built outside Vert.x, e.g. the warm-up). */
    public SslProvider provider() {
        return this == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Applies the engine, its cipher suites and the certificate to a listener's options. */
    public void configure(NetServerOptions server, TlsCertificates certificates) {
        if (this == OPENSSL) {
            server.setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(true));
            for (List<String> suites : List.of(OPENSSL_TLS12_CIPHER_SUITES, TLS13_CIPHER_SUITES)) {
                suites.stream().filter(OpenSsl::isCipherSuiteAvailable).forEach(server::addEnabledCipherSuite);
            }
            server.setKeyCertOptions(cachingKeyCertOptions(certificates.keyCertOptions()));
        } else {
            server.setSslEngineOptions(new JdkSSLEngineOptions());
            server.setKeyCertOptions(certificates.keyCertOptions());
        }
    }

    /**
     * Without caching, OpenSSL would re-encode and re-parse the certificate chain and private key on every
     * handshake. The cache is keyed by alias, and {@link ReloadingKeyManager} gives every reloaded
     * certificate a new alias, so a renewed certificate is still served from the next handshake on.
     */
    private static KeyCertOptions cachingKeyCertOptions(KeyCertOptions reloading) {
        try {
            KeyManagerFactory factory = reloading.getKeyManagerFactory(null);
            return KeyCertOptions.wrap(new OpenSslCachingX509KeyManagerFactory(factory));
        } catch (Exception e) {
            throw new IllegalStateException("cannot use the TLS certificate with OpenSSL: " + e.getMessage(), e);
        }
    }
}
