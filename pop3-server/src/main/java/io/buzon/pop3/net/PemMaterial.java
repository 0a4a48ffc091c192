package io.buzon.pop3.net;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

/** A certificate chain and its private key, PEM-encoded. */
public record PemMaterial(String certificatePem, String privateKeyPem) {

    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions()
                .addCertValue(Buffer.buffer(certificatePem))
                .addKeyValue(Buffer.buffer(privateKeyPem));
    }

    @Override
    public String toString() {
        return "PemMaterial[certificate only shown]";
    }
}
