package org.flotilla.analysis;

import org.flotilla.analysis.parse.Problems;
import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.LinksShaped;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The links a run's hosts had, by role, as its journal recorded them at the start (empty: none shaped). */
final class JournalLinks {
    private static final String LINKS = "\"" + JournalCodec.name(LinksShaped.class) + "\"";

    private JournalLinks() {
    }

    static Map<String, String> read(Path journal, Problems problems) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String text;
            long number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (!text.contains(LINKS)) continue;
                try {
                    JournalEvent event = JournalCodec.read(text).map(JournalCodec.Entry::event).orElse(null);
                    if (event instanceof LinksShaped links && links.roles() != null) return links.roles();
                } catch (IOException | RuntimeException e) {
                    problems.line(journal.toString(), number, "not a links event: " + e.getMessage(), text);
                }
            }
        }
        return Map.of();
    }
}
