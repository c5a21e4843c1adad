package org.flotilla.ssh;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A known_hosts file read as OpenSSH reads it: a line that does not parse (truncated, bad base64,
 * a bad host pattern) is skipped and named by file:line; the rest still count. A malformed line
 * is the file's problem, never a reason to doubt a host that is listed correctly elsewhere.
 */
final class KnownHostsFile {
    private KnownHostsFile() {
    }

    /** A parsed line: the entry's host patterns and its key. */
    record Entry(KnownHostEntry entry, PublicKey key) {
    }

    /** What a read found: usable entries, and one warning per line skipped. */
    record Read(List<Entry> entries, List<String> skipped) {
    }

    static Read read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                KnownHostEntry e = KnownHostEntry.parseKnownHostEntry(line);
                if (e == null || e.getKeyEntry() == null) throw new IllegalArgumentException("no key");
                PublicKey key = e.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
                // an unknown key type is not an error (OpenSSH passes over it too); a marker line vouches for no host
                if (key != null && e.getMarker() == null) entries.add(new Entry(e, key));
            } catch (Exception e) {
                skipped.add(file + ":" + (i + 1) + ": skipped a malformed line (" + why(e) + ")");
            }
        }
        return new Read(entries, skipped);
    }

    /** The run's own file: "endpoint key" lines, as {@link HostKeys} writes them. */
    static Map.Entry<String, PublicKey> runLine(String line) throws IOException, java.security.GeneralSecurityException {
        String[] parts = line.strip().split("\\s+", 2);
        if (parts.length < 2) throw new IllegalArgumentException("no key");
        PublicKey key = PublicKeyEntry.parsePublicKeyEntry(parts[1]).resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        if (key == null) throw new IllegalArgumentException("unknown key type");
        return Map.entry(parts[0], key);
    }

    static String why(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
