package org.flotilla.ssh;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

import java.time.Duration;

/** The one SSH client of the process: every connection to every host goes through it. */
public final class Ssh {
    /**
     * Bouncy Castle is on the class path for the run's PKI; MINA would register it as a security
     * provider (0.1 s of start-up, and sntrup761 kex) for nothing it needs. Set before MINA's
     * first use (its registrars are read once).
     */
    public static void leaveBouncyCastleToThePki() {
        String enabled = "org.apache.sshd.security.provider.BC.enabled";
        if (System.getProperty(enabled) == null) System.setProperty(enabled, "false");
    }

    private static SshClient client;

    private Ssh() {
    }

    public static synchronized SshClient client() {
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            // Keys come per session (the run's key, or a fixed host's own); never ~/.ssh behind the user's back.
            c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            c.setServerKeyVerifier((session, address, key) -> {
                // The verification rides on the connect call's context, not on the session's own attributes.
                var context = session.getConnectionContext();
                Verification v = context == null ? null : context.getAttribute(Connector.VERIFICATION);
                return v != null && v.accept(key);
            });
            // Idle sessions are closed by us, not by a timer the user did not ask for.
            CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(c, Duration.ZERO);
            // With Bouncy Castle on the class path MINA offers the post-quantum hybrids (mlkem768x25519,
            // sntrup761x25519) first, and OpenSSH 9 takes sntrup: ~85 ms more CPU per connection on both
            // ends, a fleet's worth of it (local hosts, MINA themselves, took mlkem). A test fleet lives
            // for hours; curve25519 goes first, the hybrids stay on offer after it.
            var kex = new java.util.ArrayList<>(c.getKeyExchangeFactories());
            kex.sort(java.util.Comparator.comparing(f -> f.getName().startsWith("sntrup") || f.getName().startsWith("mlkem") ? 1 : 0));
            c.setKeyExchangeFactories(kex);
            // MINA offers chacha20-poly1305 first, in plain Java; the JDK's ChaCha20 does the same work
            // for less CPU (figures: bench/cipher.sh). Same name and wire format: servers see no change.
            c.setCipherFactories(JdkChaCha20Poly1305.inPlaceOfMinas(c.getCipherFactories()));
            c.start();
            client = c;
        }
        return client;
    }

    /** How a session's server key is judged; the outcome stays on it for error messages. */
    interface Verification {
        boolean accept(java.security.PublicKey key);
    }
}
