package org.flotilla.analysis.parse;

import java.math.BigDecimal;

/**
 * The ranges a figure a log states must lie in before it becomes a figure of ours. A parser that
 * rounds 1e400 to Long.MAX_VALUE, or reads "abc" as 0, reports a fleet that never ran; so a value
 * out of range is a problem naming its field, never a number in a table.
 */
final class Checked {
    /** Counts above this are no longer exact as doubles; no tool's run comes near. */
    static final double MAX_COUNT = 1L << 53;
    /** Rates, times and sizes above this (a petabyte, a million years in ms) are garbage, and their sums would overflow. */
    static final double MAX_AMOUNT = 1e15;

    private Checked() {
    }

    /** A whole number of things (transactions, requests): not negative, exact. */
    static long count(String field, double v) {
        if (!(v >= 0 && v <= MAX_COUNT) || v != Math.rint(v)) throw new BadField(field, "not a count: " + plain(v));
        return (long) v;
    }

    /** A rate, time or size: finite, not negative. */
    static double amount(String field, double v) {
        if (!(v >= 0 && v <= MAX_AMOUNT)) throw new BadField(field, "out of range: " + plain(v));
        return v;
    }

    /** A percentage, 0 to 100. */
    static double percent(String field, double v) {
        if (!(v >= 0 && v <= 100)) throw new BadField(field, "not a percentage: " + plain(v));
        return v;
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toString() : String.valueOf(v);
    }

    /** A field whose value cannot be a figure. */
    static final class BadField extends IllegalArgumentException {
        BadField(String field, String why) {
            super("field \"" + field + "\": " + why);
        }
    }
}
