package org.flotilla.analysis.aggregate;

import java.util.Arrays;

/**
 * A time series for a chart, in bounded memory: when it holds {@link #LIMIT} points, neighbours
 * are averaged in pairs and later points arrive already averaged in groups twice as large. So a
 * day of one-second samples costs what a few minutes do.
 */
public final class Series {
    public static final int LIMIT = 512;
    private final double[] xs = new double[LIMIT];
    private final double[] ys = new double[LIMIT];
    private int size;
    private int stride = 1;
    private int pending;
    private double pendingX;
    private double pendingY;

    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) return;
        if (pending == 0) pendingX = x;
        pendingY += y;
        if (++pending < stride) return;
        xs[size] = pendingX;
        ys[size] = pendingY / pending;
        size++;
        pending = 0;
        pendingY = 0;
        // halve now, so that every point kept stands for the same number of samples
        if (size == LIMIT) halve();
    }

    public int size() {
        return size + (pending > 0 ? 1 : 0);
    }

    public double[] xs() {
        double[] out = Arrays.copyOf(xs, size());
        if (pending > 0) out[size] = pendingX;
        return out;
    }

    public double[] ys() {
        double[] out = Arrays.copyOf(ys, size());
        if (pending > 0) out[size] = pendingY / pending;
        return out;
    }

    /** The value at x: the last point at or before it (a step), NaN before the first or more than step after the last. */
    public double at(double x, double step) {
        int n = size();
        if (n == 0) return Double.NaN;
        double lastX = pending > 0 ? pendingX : xs[size - 1];
        if (pending > 0 && x >= pendingX) return x > lastX + step ? Double.NaN : pendingY / pending;
        int i = Arrays.binarySearch(xs, 0, size, x);
        if (i < 0) i = -i - 2;
        if (i < 0 || x > lastX + step) return Double.NaN;
        return ys[i];
    }

    private void halve() {
        for (int i = 0; i < LIMIT / 2; i++) {
            xs[i] = xs[2 * i];
            ys[i] = (ys[2 * i] + ys[2 * i + 1]) / 2;
        }
        size = LIMIT / 2;
        stride *= 2;
    }
}
