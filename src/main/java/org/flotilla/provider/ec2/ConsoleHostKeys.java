package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host keys cloud-init prints to the console at first boot, between
 * "-----BEGIN SSH HOST KEY KEYS-----" and "-----END SSH HOST KEY KEYS-----": the instance
 * vouches for its own keys through a channel an attacker on the network cannot touch.
 */
final class ConsoleHostKeys {
    static final String BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
    static final String END = "-----END SSH HOST KEY KEYS-----";

    private ConsoleHostKeys() {
    }

    /** The keys of the last complete block in the console output; empty when there is none (yet). */
    static List<PublicKey> parse(String console) {
        int begin = console.lastIndexOf(BEGIN);
        if (begin < 0) return List.of();
        int end = console.indexOf(END, begin);
        if (end < 0) return List.of();
        List<PublicKey> keys = new ArrayList<>();
        for (String line : console.substring(begin + BEGIN.length(), end).split("\\R")) {
            String l = line.trim();
            // cloud-init prefixes console lines with "ci-info:" or a timestamp on some images
            int type = l.indexOf("ssh-") >= 0 ? l.indexOf("ssh-") : l.indexOf("ecdsa-");
            if (type < 0) continue;
            try {
                PublicKey k = PublicKeyEntry.parsePublicKeyEntry(l.substring(type))
                        .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
                if (k != null) keys.add(k);
            } catch (Exception unreadable) {
                // a key type MINA does not know is no key to pin; the others still are
            }
        }
        return keys;
    }
}
