package io.buzon.pop3.net;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key manager whose certificate and key can be swapped while the server runs. The TLS stack asks it for
 * the certificate on every handshake, so a renewed certificate is served from the next connection on
 * without rebuilding any server or context.
 *
 * <p>Each generation of material has its own alias, because the OpenSSL engine caches key material by
 * alias. A handshake that chose an alias just before a swap still finds that generation's certificate
 * and key through the previous delegate.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    private volatile X509ExtendedKeyManager delegate;
    private volatile X509ExtendedKeyManager previous;

    public ReloadingKeyManager(PemMaterial material) {
        update(material);
    }

    /** Puts new material in service; it must have passed {@link PemMaterial#validate()}. */
    public void update(PemMaterial material) {
        X509ExtendedKeyManager next = build(material, "buzon-" + GENERATIONS.incrementAndGet());
        previous = delegate;
        delegate = next;
    }

    private static X509ExtendedKeyManager build(PemMaterial material, String alias) {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, material.privateKey(), password, material.certificateChain());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X509 key manager available");
        } catch (Exception e) {
            throw new IllegalStateException("cannot use the TLS certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509Certificate[] chain = delegate.getCertificateChain(alias);
        X509ExtendedKeyManager before = previous;
        return chain == null && before != null ? before.getCertificateChain(alias) : chain;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey key = delegate.getPrivateKey(alias);
        X509ExtendedKeyManager before = previous;
        return key == null && before != null ? before.getPrivateKey(alias) : key;
    }
}
