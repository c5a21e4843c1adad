package org.flotilla.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.HostKeyPinned;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host keys a run accepted, as "host-key" events in its journal: the run's known_hosts is a
 * file a user edits (or empties), the journal is the run's record, so a pin survives the one.
 */
final class JournalPins implements AutoCloseable {
    private static final String EVENT = JournalCodec.name(HostKeyPinned.class);
    private final Path file;
    private Journal journal;

    JournalPins(Path file) {
        this.file = file;
    }

    /** Every pinned key, by OpenSSH endpoint ("[address]:port"); the first pin of an endpoint holds. */
    Map<String, PublicKey> read() {
        Map<String, PublicKey> pins = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return pins;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains("\"" + EVENT + "\"")) continue; // most lines are state changes: skip them unparsed
                try {
                    JournalEvent event = JournalCodec.read(line).map(JournalCodec.Entry::event).orElse(null);
                    if (!(event instanceof HostKeyPinned pin)) continue;
                    PublicKey key = PublicKeyEntry.parsePublicKeyEntry(pin.key())
                            .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
                    if (key != null) pins.putIfAbsent(pin.endpoint(), key);
                } catch (IOException | java.security.GeneralSecurityException | RuntimeException torn) {
                    // a line cut by a crash mid-write: its pin was never relied on
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's host key pins in " + file, e);
        }
        return pins;
    }

    /**
     * Journals the pin without waiting for the disk: it is called from the SSH client's I/O
     * threads for every host at first contact, and the journal's writer forces it out within
     * milliseconds, together with the others (the run's known_hosts holds it meanwhile).
     */
    synchronized void record(String hostId, String endpoint, PublicKey key) {
        if (journal == null) journal = new Journal(file);
        journal.record(new HostKeyPinned(hostId, endpoint, PublicKeyEntry.toString(key)));
    }

    @Override
    public synchronized void close() {
        if (journal != null) journal.close();
    }
}
