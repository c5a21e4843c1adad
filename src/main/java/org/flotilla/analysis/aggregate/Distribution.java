package org.flotilla.analysis.aggregate;

import java.util.Arrays;

/**
 * Summary of a set of values (per-client bandwidths): mean, extremes, percentiles by linear
 * interpolation between closest ranks (a spreadsheet's PERCENTILE), and Jain's fairness index
 * (Σx)² / (n·Σx²): 1 when all are equal, 1/n when one takes everything.
 */
public record Distribution(int count, double sum, double mean, double min, double max, double p50, double p95, double jain) {
    public static Distribution of(double[] values) {
        int n = values.length;
        if (n == 0) return new Distribution(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        double squares = 0;
        for (double x : v) {
            sum += x;
            squares += x * x;
        }
        return new Distribution(n, sum, sum / n, v[0], v[n - 1], percentile(v, 0.5), percentile(v, 0.95),
                squares == 0 ? Double.NaN : sum * sum / (n * squares));
    }

    /** The q-th percentile (0..1) of sorted values. */
    public static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
