package org.flotilla.pki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

/** A TLS server context for a service of the daemon itself, with a certificate from the run's authority. */
public final class ServerTls {
    private ServerTls() {
    }

    /** Serves as {@code name} (runs/ID/pki/NAME.pem) for {@code address}: the run's CA is all a client needs to trust. */
    public static SSLContext context(RunPki pki, String name, String address) {
        HostCredentials own = pki.host(name, CertificateUse.SERVER, address);
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", own.privateKey())));
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, key, none, new Certificate[]{Authority.certificate(own.certificate()), Authority.certificate(pki.ca())});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the TLS context of " + name + " from " + pki.dir() + ": " + e.getMessage(), e);
        }
    }
}
