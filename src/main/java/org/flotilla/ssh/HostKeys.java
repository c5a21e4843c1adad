package org.flotilla.ssh;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.config.HostKeyPolicy;
import org.flotilla.fleet.Host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host keys of a run. A host's key is checked against, in order: the run's known_hosts (what
 * an earlier contact recorded), the provider's pin, and then the policy: accept-new records it,
 * strict requires it in the user's known_hosts. Whatever is accepted is recorded, so a key that
 * changes later in the run is refused.
 */
public final class HostKeys {
    private final Path runKnownHosts;
    private final HostKeyPolicy policy;
    private final Path userKnownHosts;
    private final Map<String, PublicKey> recorded = new ConcurrentHashMap<>();
    private final Map<String, List<PublicKey>> pins = new ConcurrentHashMap<>();

    public HostKeys(Path runKnownHosts, HostKeyPolicy policy, Path userKnownHosts) {
        this.runKnownHosts = runKnownHosts;
        this.policy = policy;
        this.userKnownHosts = userKnownHosts;
        load();
    }

    /** The provider knows this host's keys (local hosts, EC2 console output). */
    public void pin(Host host, List<PublicKey> keys) {
        if (!keys.isEmpty()) pins.put(host.id(), List.copyOf(keys));
    }

    /** Accepts the key or says why not; a new accepted key is recorded. Returns a note for the host log, or null. */
    public String verify(Host host, PublicKey offered) throws SshFailure {
        String endpoint = endpoint(host);
        PublicKey known = recorded.get(endpoint);
        String fp = KeyUtils.getFingerPrint(offered);
        if (known != null) {
            if (KeyUtils.compareKeys(known, offered)) return null;
            throw SshFailure.permanent("host key changed: " + endpoint + " offered " + fp + " but " + runKnownHosts
                    + " recorded " + KeyUtils.getFingerPrint(known) + " (possible man-in-the-middle; refused)");
        }
        List<PublicKey> pinned = pins.get(host.id());
        if (pinned != null) {
            if (pinned.stream().noneMatch(k -> KeyUtils.compareKeys(k, offered))) {
                throw SshFailure.permanent("host key mismatch: " + endpoint + " offered " + fp
                        + " but the provider pinned " + KeyUtils.getFingerPrint(pinned.get(0)) + " (refused)");
            }
            record(endpoint, offered);
            return "host key " + fp + " matches the provider's pin";
        }
        if (policy == HostKeyPolicy.STRICT) {
            if (!inUserKnownHosts(host, offered)) {
                throw SshFailure.permanent("host key " + fp + " of " + endpoint + " is not in " + userKnownHosts
                        + " (ssh.host-keys = strict)");
            }
            record(endpoint, offered);
            return "host key " + fp + " found in " + userKnownHosts;
        }
        record(endpoint, offered);
        return "host key " + fp + " accepted on first contact (ssh.host-keys = accept-new) and recorded in " + runKnownHosts;
    }

    private boolean inUserKnownHosts(Host host, PublicKey offered) {
        for (KnownKey k : userKnownKeys()) {
            if (k.entry().isHostMatch(host.address(), host.port()) && KeyUtils.compareKeys(k.key(), offered)) return true;
        }
        return false;
    }

    private record KnownKey(KnownHostEntry entry, PublicKey key) {
    }

    private List<KnownKey> userKnown = List.of();
    private FileTime userKnownRead;

    /**
     * The user's known_hosts, parsed once and again only when the file changes: a fleet checks it
     * for every host, and each parsed Ed25519 key costs a table of precomputed points.
     */
    private synchronized List<KnownKey> userKnownKeys() {
        try {
            if (!Files.isReadable(userKnownHosts)) return List.of();
            FileTime modified = Files.getLastModifiedTime(userKnownHosts);
            if (modified.equals(userKnownRead)) return userKnown;
            List<KnownKey> keys = new java.util.ArrayList<>();
            for (KnownHostEntry e : KnownHostEntry.readKnownHostEntries(userKnownHosts)) {
                if (e.getMarker() != null) continue;
                PublicKey k = e.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
                if (k != null) keys.add(new KnownKey(e, k));
            }
            userKnown = List.copyOf(keys);
            userKnownRead = modified;
            return userKnown;
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot read " + userKnownHosts + ": " + e.getMessage(), e));
        }
    }

    private synchronized void record(String endpoint, PublicKey key) {
        if (recorded.putIfAbsent(endpoint, key) != null) return;
        try {
            Files.writeString(runKnownHosts, endpoint + " " + PublicKeyEntry.toString(key) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the host key in " + runKnownHosts, e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(runKnownHosts)) return;
        try {
            for (String line : Files.readAllLines(runKnownHosts)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length < 2 || parts[0].startsWith("#")) continue;
                PublicKey key = PublicKeyEntry.parsePublicKeyEntry(parts[1])
                        .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
                if (key != null) recorded.put(parts[0], key);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + runKnownHosts + ": " + e.getMessage(), e);
        }
    }

    /** OpenSSH's known_hosts name: "address" on port 22, "[address]:port" otherwise. */
    static String endpoint(Host host) {
        return host.port() == 22 ? host.address() : "[" + host.address() + "]:" + host.port();
    }
}
