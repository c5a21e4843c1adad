package org.flotilla.analysis.segment;

import org.flotilla.analysis.parse.Lines;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.Window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test windows a run's journal recorded ({@code "event":"window"}, one per host per test and
 * pattern), folded into one segment per test and pattern. Other events are not ours to read.
 */
public final class JournalWindows {
    private static final String WINDOW = "\"" + JournalCodec.name(Window.class) + "\"";

    private JournalWindows() {
    }

    public static List<Segment> read(Path journal, String name, Problems problems) throws IOException {
        Map<Subtest, Segment> segments = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(journal)) {
            Lines lines = new Lines(in);
            String text;
            while ((text = lines.next()) != null) {
                if (!text.contains(WINDOW)) continue; // most lines are state changes: skip them unparsed
                try {
                    JournalEvent event = JournalCodec.read(text).map(JournalCodec.Entry::event).orElse(null);
                    if (!(event instanceof Window w)) continue;
                    Subtest s = new Subtest(w.test() == null ? "" : w.test(), w.pattern() == null ? "" : w.pattern());
                    if (w.start() == null || w.end() == null) throw new IllegalArgumentException("no " + (w.start() == null ? "start" : "end"));
                    if (w.end().isBefore(w.start())) throw new IllegalArgumentException("end before start");
                    segments.merge(s, new Segment(s, w.start(), w.end()), (a, b) -> a.span(b.start(), b.end()));
                    // the window still counts (its logs say what happened), but a failed test must not pass unnoticed
                    if (w.exit() != 0) problems.line(name, lines.number(), "host " + (w.host() == null ? "?" : w.host()) + " ran " + s.label() + " with exit " + w.exit(), "");
                } catch (IOException | RuntimeException e) {
                    problems.line(name, lines.number(), "not a window event: " + e.getMessage(), text);
                }
            }
        }
        return new ArrayList<>(segments.values());
    }
}
