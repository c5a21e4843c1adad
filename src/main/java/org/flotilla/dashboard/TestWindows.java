package org.flotilla.dashboard;

import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.Window;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The run's fired windows, from the journal (the truth: tests run from the command line count too). */
final class TestWindows {
    private static final String WINDOW = "\"" + JournalCodec.name(Window.class) + "\"";

    private TestWindows() {
    }

    /** Every firing, oldest first: a test's windows are journaled together, one line per host. */
    static List<Firing> read(Path journal) throws IOException {
        List<Firing> firings = new ArrayList<>();
        List<Window> current = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains(WINDOW)) continue; // most lines are state changes: skip them unparsed
                JournalEvent e = JournalCodec.read(line).map(JournalCodec.Entry::event).orElse(null);
                if (!(e instanceof Window w)) continue;
                // a host seen again ran the next firing of the same test
                if (!current.isEmpty() && (!Firing.same(current.get(0), w) || hosts.contains(w.host()))) {
                    firings.add(Firing.of(current));
                    current = new ArrayList<>();
                    hosts.clear();
                }
                current.add(w);
                hosts.add(w.host());
            }
        }
        if (!current.isEmpty()) firings.add(Firing.of(current));
        return firings;
    }
}
