package org.flotilla.provider.lab;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.ssh.ClientKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * What a lab host is given at start, in runs/&lt;id&gt;/lab/&lt;host&gt;/ (its cloud-init seed, mounted
 * read-only in the container): the SSH host key Flotilla made for it, and the cloud-init
 * meta-data and user-data that install it and authorize the run's key. The public host key
 * stays there for any later process of the run to pin: no trust on first use.
 */
final class HostSeed {
    static final String HOST_KEY = "ssh_host_ed25519_key";
    private final Path labDir;
    private final String aptProxy;

    /** @param aptProxy the URL the hosts' apt goes through; null when the lab has no package proxy */
    HostSeed(Path labDir, String aptProxy) {
        this.labDir = labDir.toAbsolutePath();
        this.aptProxy = aptProxy;
    }

    /** Makes the host's seed directory; returns it. */
    Path write(String hostId, PublicKey authorized) {
        Path dir = labDir.resolve(hostId);
        try {
            Files.createDirectories(dir);
            ClientKey.generate(dir.resolve(HOST_KEY), "flotilla-lab-" + hostId);
            CloudInitSeed.write(dir, hostId, authorized, dir.resolve(HOST_KEY), aptProxy);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seed of lab host " + hostId + " under " + dir, e);
        }
    }

    /** The host key Flotilla made for the host; empty when it made none (the host never booted). */
    List<PublicKey> hostKey(String hostId) {
        Path pub = labDir.resolve(hostId).resolve(HOST_KEY + ".pub");
        if (!Files.isRegularFile(pub)) return List.of();
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(Files.readString(pub).trim())
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            return List.of(key);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the lab host key " + pub + ": " + e.getMessage(), e);
        }
    }
}
