package org.flotilla.analysis.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.analysis.parse.Lines;
import org.flotilla.analysis.parse.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test windows a run's journal recorded ({@code "event":"window"}, one per host per test and
 * pattern), folded into one segment per test and pattern. Other events are not ours to read.
 */
public final class JournalWindows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalWindows() {
    }

    public static List<Segment> read(Path journal, String name, Problems problems) throws IOException {
        Map<Subtest, Segment> segments = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(journal)) {
            Lines lines = new Lines(in);
            String text;
            while ((text = lines.next()) != null) {
                if (!text.contains("\"window\"")) continue;
                try {
                    JsonNode n = JSON.readTree(text);
                    if (!"window".equals(n.path("event").asText())) continue;
                    Subtest s = new Subtest(n.path("test").asText(""), n.path("pattern").isTextual() ? n.path("pattern").asText() : "");
                    Instant start = Instant.parse(n.path("start").asText());
                    Instant end = Instant.parse(n.path("end").asText());
                    if (end.isBefore(start)) throw new IllegalArgumentException("end before start");
                    segments.merge(s, new Segment(s, start, end), (a, b) -> a.span(b.start(), b.end()));
                    int exit = n.path("exit").asInt(0);
                    // the window still counts (its logs say what happened), but a failed test must not pass unnoticed
                    if (exit != 0) problems.line(name, lines.number(), "host " + n.path("host").asText("?") + " ran " + s.label() + " with exit " + exit, "");
                } catch (IOException | RuntimeException e) {
                    problems.line(name, lines.number(), "not a window event: " + e.getMessage(), text);
                }
            }
        }
        return new ArrayList<>(segments.values());
    }
}
