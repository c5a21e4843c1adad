package org.flotilla.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The host keys pinned in a journal written by an earlier version (fixtures/journal) still hold. */
class EarlierJournalPinsTest {
    @TempDir
    Path dir;

    @Test
    void pinsOfAnEarlierJournalAreRead() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/journal/local-demo-test/journal.jsonl")) {
            Files.copy(in, journal);
        }
        Map<String, String> pins = new TreeMap<>();
        try (JournalPins p = new JournalPins(journal)) {
            p.read().forEach((endpoint, key) -> pins.put(endpoint, PublicKeyEntry.toString(key)));
        }
        assertThat(pins).containsExactly(
                Map.entry("[127.0.0.1]:33461", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID5RP0Ps6pfCVZMYtrob15eMjT+lhBWPtpPUJB4dHjq+"),
                Map.entry("[127.0.0.1]:40413", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICAr5HToTDVIa/+ULE43iiTefLN2uQhaulRl6Y+79EYs"),
                Map.entry("[127.0.0.1]:44601", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFV9TqD3T4KfY8+YuDRKmjBPeZjLhkbUXhx5Y1o9m+rH"),
                Map.entry("[127.0.0.1]:45733", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGF6pglJMf0fE+Hr7YxrAkS+Fp32koiyQT9D+6akHsS+"));
    }
}
