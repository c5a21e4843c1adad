package org.flotilla.pki;

import java.nio.file.Path;

/**
 * PEM-shaped stand-ins for a run's PKI: enough for a template to be rendered before any run
 * exists (no key is generated, which would cost the check its speed).
 */
public final class SamplePki implements TemplatePki {
    @Override
    public String ca() {
        return pem("CERTIFICATE");
    }

    @Override
    public String tlsCrypt() {
        return pem("OpenVPN Static key V1");
    }

    @Override
    public HostCredentials host(String hostId, CertificateUse use, String address) {
        return new HostCredentials(pem("CERTIFICATE"), pem("PRIVATE KEY"));
    }

    @Override
    public Path certificateFile(String hostId) {
        return Path.of("sample", hostId + ".pem");
    }

    private static String pem(String kind) {
        return "-----BEGIN " + kind + "-----\nc2FtcGxl\n-----END " + kind + "-----\n";
    }
}
