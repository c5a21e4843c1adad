package org.flotilla.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A run's certificate authority: it signs one certificate per host. Keys are ECDSA P-256
 * (fast to make for hundreds of hosts; OpenVPN 2.6, nginx and OpenSSL 3 take them).
 */
public final class Authority {
    /** Hosts' clocks may lag this machine's a little; a certificate valid from "now" would be refused there. */
    private static final Duration CLOCK_SLACK = Duration.ofHours(1);
    /** A run's fleet is temporary, but may be held for a while. */
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private Authority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new self-signed authority named after the run. */
    public static Authority create(String runId) {
        try {
            KeyPair pair = newKeyPair();
            X500Name name = name("Flotilla CA " + runId, runId);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(CLOCK_SLACK)),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new Authority(sign(b, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the run's certificate authority: " + e.getMessage(), e);
        }
    }

    /** The authority whose certificate and PKCS#8 key these PEM texts hold. */
    public static Authority load(String certificatePem, String keyPem) {
        try {
            return new Authority(certificate(certificatePem),
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", keyPem))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate authority Flotilla made: " + e.getMessage(), e);
        }
    }

    /**
     * A certificate for one host: its name is the common name; a server certificate names the
     * host's address as subject alternative name (IP or DNS), so TLS clients that check it accept it.
     */
    public HostCredentials issue(String hostName, CertificateUse use, String address) {
        if (use == CertificateUse.NONE) throw new IllegalArgumentException("host " + hostName + " asks for no certificate");
        try {
            KeyPair pair = newKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minus(CLOCK_SLACK)),
                    Date.from(now.plus(VALIDITY)), name(hostName, null), pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(use == CertificateUse.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (use == CertificateUse.SERVER && address != null && !address.isBlank()) {
                GeneralName san = IPAddress.isValid(address) ? new GeneralName(GeneralName.iPAddress, address)
                        : new GeneralName(GeneralName.dNSName, address);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            }
            X509Certificate cert = sign(b, key);
            return new HostCredentials(Pem.encode("CERTIFICATE", cert.getEncoded()), Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + hostName + ": " + e.getMessage(), e);
        }
    }

    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyPem() {
        return Pem.encode("PRIVATE KEY", key.getEncoded());
    }

    static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Pem.decode("CERTIFICATE", pem)));
    }

    private static X500Name name(String commonName, String organization) {
        X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) n.addRDN(BCStyle.O, "Flotilla run " + organization);
        return n.addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
    }
}
