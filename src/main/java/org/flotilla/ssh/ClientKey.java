package org.flotilla.ssh;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The private key Flotilla logs in with: loaded from a file, or generated for a run. */
public final class ClientKey {
    private ClientKey() {
    }

    /** Loads an OpenSSH or PEM private key; the passphrase, if any, comes from the named environment variable. */
    public static KeyPair load(Path file, String passphraseEnv) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("ssh.key: cannot read the private key " + file);
        }
        FilePasswordProvider passwords = FilePasswordProvider.of(Optional.ofNullable(System.getenv(passphraseEnv)).orElse(null));
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, passwords);
            List<KeyPair> all = new ArrayList<>();
            if (pairs != null) pairs.forEach(all::add);
            if (all.isEmpty()) throw new IllegalArgumentException("ssh.key: no private key in " + file);
            return all.get(0);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("ssh.key: cannot load " + file + ": " + e.getMessage()
                    + (System.getenv(passphraseEnv) == null ? " (if it has a passphrase, set " + passphraseEnv + ")" : ""), e);
        }
    }

    /** The key hosts that Flotilla did not start are logged in to with: ssh.key, else the user's default. */
    public static Path forLogin(Optional<Path> configured) {
        return configured.or(ClientKey::userDefault).orElseThrow(() -> new IllegalArgumentException(
                "ssh.key: no private key configured and none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists"));
    }

    /** The first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exists. */
    public static Optional<Path> userDefault() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            if (Files.isRegularFile(ssh.resolve(name))) return Optional.of(ssh.resolve(name));
        }
        return Optional.empty();
    }

    /**
     * Generates an Ed25519 key, writes it as OpenSSH files {@code file} (0600) and {@code file.pub}.
     * Ed25519 because every login signs once and every host verifies once: with net.i2p's EdDSA that
     * is about 4 times cheaper than ECDSA P-256 in the JDK, which matters at hundreds of hosts.
     */
    public static KeyPair generate(Path file, String comment) {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            }
            try (OutputStream out = Files.newOutputStream(file.resolveSibling(file.getFileName() + ".pub"))) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), comment, out);
            }
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a key to " + file + ": " + e.getMessage(), e);
        }
    }
}
