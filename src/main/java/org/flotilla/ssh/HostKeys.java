package org.flotilla.ssh;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
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
import java.util.function.Consumer;

/**
 * Host keys of a run. A host's key is checked against, in order: what the run recorded (its
 * journal's pins, then its known_hosts), the provider's pin, and then the policy: accept-new
 * records it, strict requires it in the user's known_hosts. Whatever is accepted is recorded in
 * both, so a key that changes later in the run is refused, even after known_hosts is emptied.
 * Malformed lines in either file are skipped with one warning each, as OpenSSH does.
 */
public final class HostKeys implements AutoCloseable {
    private final Path runKnownHosts;
    private final HostKeyPolicy policy;
    private final Path userKnownHosts;
    private final JournalPins journal;
    private final Consumer<String> warnings;
    private final Map<String, PublicKey> recorded = new ConcurrentHashMap<>();
    private final Map<String, List<PublicKey>> pins = new ConcurrentHashMap<>();

    public HostKeys(Path runKnownHosts, HostKeyPolicy policy, Path userKnownHosts) {
        this(runKnownHosts, policy, userKnownHosts, null, System.err::println);
    }

    /**
     * @param journal the run's journal, which keeps its pins (null: known_hosts alone)
     * @param warnings hears once of each malformed line
     */
    public HostKeys(Path runKnownHosts, HostKeyPolicy policy, Path userKnownHosts, Path journal, Consumer<String> warnings) {
        this.runKnownHosts = runKnownHosts;
        this.policy = policy;
        this.userKnownHosts = userKnownHosts;
        this.journal = journal == null ? null : new JournalPins(journal);
        this.warnings = warnings;
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
            throw SshFailure.permanent("host key changed: " + endpoint + " offered " + fp + " but the run recorded "
                    + KeyUtils.getFingerPrint(known) + " (its journal and " + runKnownHosts + "; possible man-in-the-middle; refused)");
        }
        List<PublicKey> pinned = pins.get(host.id());
        if (pinned != null) {
            if (pinned.stream().noneMatch(k -> KeyUtils.compareKeys(k, offered))) {
                throw SshFailure.permanent("host key mismatch: " + endpoint + " offered " + fp
                        + " but the provider pinned " + KeyUtils.getFingerPrint(pinned.get(0)) + " (refused)");
            }
            record(host, endpoint, offered);
            return "host key " + fp + " matches the provider's pin";
        }
        if (policy == HostKeyPolicy.STRICT) {
            KnownHostsFile.Read user = userKnownKeys();
            if (user.entries().stream().noneMatch(k -> k.entry().isHostMatch(host.address(), host.port()) && KeyUtils.compareKeys(k.key(), offered))) {
                throw SshFailure.permanent("host key " + fp + " of " + endpoint + " is not in " + userKnownHosts
                        + " (ssh.host-keys = strict" + (user.skipped().isEmpty() ? "" : "; " + user.skipped().size()
                        + " malformed line(s) skipped there, first " + user.skipped().get(0)) + ")");
            }
            record(host, endpoint, offered);
            return "host key " + fp + " found in " + userKnownHosts;
        }
        record(host, endpoint, offered);
        return "host key " + fp + " accepted on first contact (ssh.host-keys = accept-new) and recorded in " + runKnownHosts;
    }

    private KnownHostsFile.Read userKnown = new KnownHostsFile.Read(List.of(), List.of());
    private FileTime userKnownRead;

    /**
     * The user's known_hosts, parsed once and again only when the file changes: a fleet checks it
     * for every host, and each parsed Ed25519 key costs a table of precomputed points. An
     * unreadable file is a permanent failure: retrying would read it no better.
     */
    private synchronized KnownHostsFile.Read userKnownKeys() throws SshFailure {
        try {
            if (!Files.isReadable(userKnownHosts)) return new KnownHostsFile.Read(List.of(), List.of());
            FileTime modified = Files.getLastModifiedTime(userKnownHosts);
            if (modified.equals(userKnownRead)) return userKnown;
            userKnown = KnownHostsFile.read(userKnownHosts);
            userKnownRead = modified;
            userKnown.skipped().forEach(warnings);
            return userKnown;
        } catch (IOException e) {
            throw SshFailure.permanent("cannot read " + userKnownHosts + ": " + e.getMessage());
        }
    }

    private synchronized void record(Host host, String endpoint, PublicKey key) {
        if (recorded.putIfAbsent(endpoint, key) != null) return;
        if (journal != null) journal.record(host.id(), endpoint, key);
        try {
            Files.writeString(runKnownHosts, endpoint + " " + PublicKeyEntry.toString(key) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the host key in " + runKnownHosts, e);
        }
    }

    /** The journal's pins first: a known_hosts line cannot overrule what the run recorded there. */
    private void load() {
        if (journal != null) recorded.putAll(journal.read());
        if (!Files.isRegularFile(runKnownHosts)) return;
        List<String> lines;
        try {
            lines = Files.readAllLines(runKnownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runKnownHosts, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                Map.Entry<String, PublicKey> e = KnownHostsFile.runLine(line);
                PublicKey before = recorded.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !KeyUtils.compareKeys(before, e.getValue())) {
                    warnings.accept(runKnownHosts + ":" + (i + 1) + ": a key for " + e.getKey()
                            + " other than the one the run's journal pinned; the journal's is kept");
                }
            } catch (Exception e) {
                warnings.accept(runKnownHosts + ":" + (i + 1) + ": skipped a malformed line (" + KnownHostsFile.why(e) + ")");
            }
        }
    }

    /** OpenSSH's known_hosts name: "address" on port 22, "[address]:port" otherwise. */
    static String endpoint(Host host) {
        return host.port() == 22 ? host.address() : "[" + host.address() + "]:" + host.port();
    }

    @Override
    public void close() {
        if (journal != null) journal.close();
    }
}
