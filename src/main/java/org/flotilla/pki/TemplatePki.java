package org.flotilla.pki;

import java.nio.file.Path;

/**
 * What templates see of a run's PKI: the authority's certificate and tls-crypt key for every host,
 * a host's own certificate and key when its role asks. The run's {@link RunPki} gives the real
 * ones; {@link SamplePki} gives text of the same kind for checking templates before launch.
 */
public interface TemplatePki {
    String ca();

    String tlsCrypt();

    HostCredentials host(String hostId, CertificateUse use, String address);

    /** Where the host's certificate is kept, for the host log (never the key's text). */
    Path certificateFile(String hostId);
}
