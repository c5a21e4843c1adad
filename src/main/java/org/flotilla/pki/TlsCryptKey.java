package org.flotilla.pki;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * OpenVPN's static key (what `openvpn --genkey tls-crypt` writes): 2048 random bits as hex.
 * tls-crypt encrypts and authenticates the control channel with it, so a host without it
 * cannot even start a TLS handshake with the server.
 */
public final class TlsCryptKey {
    private static final int BYTES = 256;
    private static final int PER_LINE = 16;

    private TlsCryptKey() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        StringBuilder s = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n");
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < BYTES; i += PER_LINE) s.append(hex.formatHex(key, i, i + PER_LINE)).append('\n');
        return s.append("-----END OpenVPN Static key V1-----\n").toString();
    }
}
