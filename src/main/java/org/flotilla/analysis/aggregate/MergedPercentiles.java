package org.flotilla.analysis.aggregate;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Percentiles of several hosts' requests taken together. Each host's percentile points describe
 * its distribution (a fraction q of its n requests took at most v ms); the fleet's q-th percentile
 * is the smallest v at which the hosts' counts, weighted by n, reach q of all requests. Averaging
 * the hosts' percentiles instead would let a host with a few slow requests weigh as much as a
 * busy fast one.
 */
public final class MergedPercentiles {
    /** One host's percentile points and how many requests they describe. */
    public record Part(long count, SortedMap<Double, Double> percentiles) {
    }

    private MergedPercentiles() {
    }

    public static double at(List<Part> parts, double q) {
        long total = 0;
        TreeSet<Double> candidates = new TreeSet<>();
        for (Part p : parts) {
            if (p.percentiles.isEmpty() || p.count <= 0) continue;
            total += p.count;
            candidates.addAll(p.percentiles.values());
        }
        if (total == 0) return Double.NaN;
        double target = q * total - 1e-9 * total;
        for (double v : candidates) {
            double reached = 0;
            for (Part p : parts) {
                if (p.percentiles.isEmpty() || p.count <= 0) continue;
                reached += p.count * fractionAtMost(p.percentiles, v);
            }
            if (reached >= target) return v;
        }
        return candidates.last();
    }

    /** The largest fraction whose value is at most v. */
    static double fractionAtMost(SortedMap<Double, Double> percentiles, double v) {
        double f = 0;
        for (Map.Entry<Double, Double> e : percentiles.entrySet()) if (e.getValue() <= v) f = Math.max(f, e.getKey());
        return f;
    }
}
