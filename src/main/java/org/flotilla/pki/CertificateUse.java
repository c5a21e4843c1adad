package org.flotilla.pki;

import java.util.Locale;

/** What certificate a role's hosts get from the run's authority (`roles.<name>.certificate`). */
public enum CertificateUse {
    NONE, SERVER, CLIENT;

    /** The config word (none, server, client), or null when it is none of them. */
    public static CertificateUse of(String word) {
        for (CertificateUse u : values()) if (u.word().equals(word)) return u;
        return null;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
