package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.SiegeResult;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** siege summaries per test pattern, and per host within it. */
public final class SiegeFigures {
    /** The host of the rows that sum up the whole fleet. */
    public static final String FLEET = "all";

    private final Map<Subtest, List<SiegeResult>> results = new TreeMap<>();

    public void add(Subtest s, SiegeResult r) {
        results.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
    }

    /** One row per test pattern: the whole fleet. */
    public List<SiegeRow> rows() {
        List<SiegeRow> rows = new ArrayList<>();
        results.forEach((s, list) -> rows.add(sum(s, FLEET, list)));
        return rows;
    }

    /** Per test pattern, one row per host, then the fleet's row. */
    public List<SiegeRow> hostRows() {
        List<SiegeRow> rows = new ArrayList<>();
        results.forEach((s, list) -> {
            Map<String, List<SiegeResult>> byHost = new TreeMap<>();
            list.forEach(r -> byHost.computeIfAbsent(r.origin().hostOrName(), h -> new ArrayList<>()).add(r));
            byHost.forEach((host, own) -> rows.add(sum(s, host, own)));
            rows.add(sum(s, FLEET, list));
        });
        return rows;
    }

    private static SiegeRow sum(Subtest s, String host, List<SiegeResult> list) {
        long transactions = 0;
        long ok = 0;
        long failed = 0;
        double rate = 0;
        double elapsed = 0;
        double weighted = 0;
        long weights = 0;
        for (SiegeResult r : list) {
            transactions += r.transactions();
            ok += r.successful();
            failed += r.failed();
            rate += r.transactionRate();
            elapsed = Math.max(elapsed, r.elapsedSeconds());
            if (!Double.isNaN(r.responseTimeMs())) {
                weighted += r.responseTimeMs() * r.transactions();
                weights += r.transactions();
            }
        }
        double availability = ok + failed == 0 ? Double.NaN : 100.0 * ok / (ok + failed);
        return new SiegeRow(s, host, list.size(), transactions, rate, elapsed, availability,
                weights == 0 ? Double.NaN : weighted / weights, ok, failed);
    }
}
