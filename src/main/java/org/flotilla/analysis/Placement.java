package org.flotilla.analysis;

import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.segment.Segment;
import org.flotilla.analysis.segment.Subtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which test pattern a log's figures belong to. In order: the classic name says it; the time falls
 * in a segment (a client may start a little before the window the journal recorded); the path
 * names a segment's test and pattern; there is only one segment. Otherwise the figures stand apart
 * under "(unassigned)" (or under the folder's name when there are no segments at all).
 */
final class Placement {
    static final String UNASSIGNED = "(unassigned)";
    private static final long EARLY_SECONDS = 5;

    private final List<Segment> segments;
    private final String rootName;

    Placement(List<Segment> segments, String rootName) {
        this.segments = segments;
        this.rootName = rootName;
    }

    Subtest of(Origin o, Instant time) {
        if (o.test() != null && o.pattern() != null) return new Subtest(o.test(), o.pattern());
        if (time != null) {
            for (Segment s : segments) {
                if (s.contains(time) || s.contains(time.plusSeconds(EARLY_SECONDS)) && time.isBefore(s.start())) return s.subtest();
            }
        }
        Subtest named = named(o);
        if (named != null) return named;
        if (segments.size() == 1) return segments.get(0).subtest();
        if (segments.isEmpty()) return new Subtest(o.test() != null ? o.test() : rootName, "");
        return new Subtest(UNASSIGNED, "");
    }

    /** Every segment holding the sample's time; for a file that names its pattern, that pattern alone (the whole file). */
    List<Subtest> samples(Origin o, Instant time) {
        if (o.test() != null && o.pattern() != null) return List.of(new Subtest(o.test(), o.pattern()));
        if (segments.isEmpty()) return List.of(new Subtest(o.test() != null ? o.test() : rootName, ""));
        List<Subtest> out = new ArrayList<>(1);
        for (Segment s : segments) if (s.contains(time)) out.add(s.subtest());
        return out;
    }

    private Subtest named(Origin o) {
        String path = o.name().toLowerCase(Locale.ROOT);
        List<String> tokens = List.of(path.split("[^a-z0-9]+"));
        Subtest best = null;
        int bestScore = 0;
        for (Segment s : segments) {
            String test = s.subtest().test().toLowerCase(Locale.ROOT);
            String pattern = s.subtest().pattern().toLowerCase(Locale.ROOT);
            int score = (!test.isEmpty() && path.contains(test) ? 2 : 0)
                    + (!pattern.isEmpty() && (tokens.contains(pattern) || path.contains("-" + pattern + "-")) ? 1 : 0);
            if (score > bestScore) {
                best = s.subtest();
                bestScore = score;
            }
        }
        return best;
    }
}
