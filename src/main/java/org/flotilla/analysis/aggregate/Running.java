package org.flotilla.analysis.aggregate;

/** Count, mean and maximum of a stream of values, in constant memory; NaN values are not counted. */
public final class Running {
    private long count;
    private double sum;
    private double max = Double.NaN;

    public void add(double v) {
        if (Double.isNaN(v)) return;
        count++;
        sum += v;
        if (Double.isNaN(max) || v > max) max = v;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public double max() {
        return max;
    }
}
