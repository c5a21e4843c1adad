package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LocustStats;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Locust rows per test pattern and request name, merged over hosts; each host's requests/s over time. */
public final class LocustFigures {
    private final Map<Subtest, Map<String, List<LocustStats>>> stats = new TreeMap<>();
    private final Map<String, Series> rps = new TreeMap<>();

    public void add(Subtest s, LocustStats row) {
        stats.computeIfAbsent(s, k -> new LinkedHashMap<>()).computeIfAbsent(row.type() + " " + row.name(), k -> new ArrayList<>()).add(row);
    }

    public void add(LocustPoint p) {
        rps.computeIfAbsent(p.origin().hostOrName(), h -> new Series()).add(p.time().getEpochSecond(), p.requestsPerSecond());
    }

    public Map<String, Series> requestsPerSecond() {
        return rps;
    }

    public List<LocustRow> rows() {
        List<LocustRow> rows = new ArrayList<>();
        stats.forEach((s, byName) -> byName.forEach((key, list) -> rows.add(merge(s, list))));
        return rows;
    }

    private static LocustRow merge(Subtest s, List<LocustStats> list) {
        long requests = 0;
        long failures = 0;
        double weighted = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double rps = 0;
        double fps = 0;
        TreeSet<Double> fractions = new TreeSet<>();
        List<MergedPercentiles.Part> parts = new ArrayList<>();
        for (LocustStats r : list) {
            requests += r.requests();
            failures += r.failures();
            if (r.requests() > 0) {
                weighted += r.averageMs() * r.requests();
                min = Double.isNaN(min) ? r.minMs() : Math.min(min, r.minMs());
                max = Double.isNaN(max) ? r.maxMs() : Math.max(max, r.maxMs());
            }
            rps += r.requestsPerSecond();
            fps += r.failuresPerSecond();
            fractions.addAll(r.percentiles().keySet());
            parts.add(new MergedPercentiles.Part(r.requests(), r.percentiles()));
        }
        TreeMap<Double, Double> merged = new TreeMap<>();
        for (double q : fractions) merged.put(q, MergedPercentiles.at(parts, q));
        LocustStats first = list.get(0);
        return new LocustRow(s, first.type(), first.name(), list.size(), requests, failures,
                requests == 0 ? Double.NaN : weighted / requests, min, max, rps, fps, merged);
    }
}
