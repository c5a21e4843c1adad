package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.SiegeResult;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** siege summaries per test pattern. */
public final class SiegeFigures {
    private final Map<Subtest, List<SiegeResult>> results = new TreeMap<>();

    public void add(Subtest s, SiegeResult r) {
        results.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
    }

    public List<SiegeRow> rows() {
        List<SiegeRow> rows = new ArrayList<>();
        results.forEach((s, list) -> {
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
            rows.add(new SiegeRow(s, list.size(), transactions, rate, elapsed, availability,
                    weights == 0 ? Double.NaN : weighted / weights, ok, failed));
        });
        return rows;
    }
}
