package org.flotilla.pki;

/**
 * One host's certificate and private key, as PEM text (what OpenVPN, nginx and templates take).
 *
 * @param certificate the X.509 certificate signed by the run's authority
 * @param privateKey  PKCS#8; a secret: only ever written with mode 0600
 */
public record HostCredentials(String certificate, String privateKey) {
}
