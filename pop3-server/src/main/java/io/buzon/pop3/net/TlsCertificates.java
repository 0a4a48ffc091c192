package io.buzon.pop3.net;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The server certificate: read from PEM files, re-read when their modification time changes (a renewed
 * certificate is picked up without a restart), or generated once when no files are configured.
 */
public final class TlsCertificates {

    private static final Logger LOG = Logger.getLogger(TlsCertificates.class);

    private final Path certFile;
    private final Path keyFile;
    private volatile PemMaterial current;
    private ReloadingKeyManager keyManager;
    private FileTime certModified;
    private FileTime keyModified;

    private TlsCertificates(Path certFile, Path keyFile, PemMaterial generated) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.current = generated;
    }

    public static TlsCertificates from(Optional<String> certFile, Optional<String> keyFile, String hostname) {
        boolean hasCert = certFile.filter(value -> !value.isBlank()).isPresent();
        boolean hasKey = keyFile.filter(value -> !value.isBlank()).isPresent();
        if (hasCert != hasKey) {
            throw new IllegalStateException("buzon.tls.cert-file and buzon.tls.key-file must be set together");
        }
        if (!hasCert) {
            LOG.warnf("No TLS certificate configured (buzon.tls.cert-file/key-file): using a generated self-signed certificate for %s", hostname);
            return new TlsCertificates(null, null, SelfSignedCertificate.generate(hostname));
        }
        TlsCertificates certificates = new TlsCertificates(Path.of(certFile.get()), Path.of(keyFile.get()), null);
        certificates.reloadIfChanged();
        return certificates;
    }

    public static TlsCertificates fixed(PemMaterial material) {
        return new TlsCertificates(null, null, material);
    }

    /** What the listeners serve: always the current material, swapped in place on reload. */
    public synchronized io.vertx.core.net.KeyCertOptions keyCertOptions() {
        if (keyManager == null) {
            keyManager = new ReloadingKeyManager(current);
        }
        return io.vertx.core.net.KeyCertOptions.wrap(keyManager);
    }

    public PemMaterial current() {
        return current;
    }

    public boolean fromFiles() {
        return certFile != null;
    }

    /**
     * Re-reads the files when either changed. A half-written pair (checked by the listeners when they
     * apply it) keeps the previous material in service.
     *
     * @return true when new material was loaded
     */
    public synchronized boolean reloadIfChanged() {
        if (certFile == null) {
            return false;
        }
        try {
            FileTime certTime = Files.getLastModifiedTime(certFile);
            FileTime keyTime = Files.getLastModifiedTime(keyFile);
            if (current != null && certTime.equals(certModified) && keyTime.equals(keyModified)) {
                return false;
            }
            PemMaterial loaded = new PemMaterial(Files.readString(certFile), Files.readString(keyFile));
            loaded.validate();
            certModified = certTime;
            keyModified = keyTime;
            current = loaded;
            if (keyManager != null) {
                keyManager.update(loaded);
            }
            LOG.infof("TLS certificate loaded from %s", certFile);
            return true;
        } catch (IOException | RuntimeException e) {
            if (current == null) {
                throw new IllegalStateException("Cannot read the TLS certificate " + certFile + " / " + keyFile, e);
            }
            // The modification times are not recorded: the next check tries again (the pair may be mid-rotation).
            LOG.warnf("TLS certificate reload failed, keeping the previous one: %s", e.toString());
            return false;
        }
    }
}
