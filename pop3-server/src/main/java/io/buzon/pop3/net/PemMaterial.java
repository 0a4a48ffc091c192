package io.buzon.pop3.net;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** A certificate chain and its private key, PEM-encoded. */
public record PemMaterial(String certificatePem, String privateKeyPem) {

    /**
     * Checks that both parse and that the key belongs to the first certificate, so a half-replaced pair
     * (key written, certificate not yet) is never put into service.
     *
     * @throws IllegalStateException with the reason when they do not fit
     */
    public void validate() {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            PrivateKey key = privateKey();
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "buzon certificate and key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the private key does not belong to the certificate");
            }
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new IllegalStateException("unusable certificate or key: " + e.getMessage(), e);
        }
    }

    /** The certificate chain, leaf first. */
    public X509Certificate[] certificateChain() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    /** The private key, from PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM. */
    public PrivateKey privateKey() throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no private key found");
        }
    }

    @Override
    public String toString() {
        return "PemMaterial[private key not shown]";
    }
}
