package org.flotilla.pki;

import java.util.Base64;

/** PEM text: the base64 of DER bytes between BEGIN and END lines, 64 characters a line. */
final class Pem {
    private Pem() {
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] decode(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) throw new IllegalArgumentException("no " + type + " in PEM text");
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
