package org.flotilla;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/** TLS for tests that trusts a run's certificate authority (runs/ID/pki/ca.pem) and no other. */
public final class RunCa {
    private RunCa() {
    }

    public static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("run-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** An HTTP client trusting the run's CA alone. */
    public static HttpClient client(Path caPem) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(caPem)).connectTimeout(Duration.ofSeconds(20)).build();
    }
}
