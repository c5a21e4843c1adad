package org.flotilla.analysis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How figures read in tables: a fixed number of decimals, a point for the decimal mark, nothing for "no value". */
final class Numbers {
    private static final long[] TENS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    /** Below this, v × 10^decimals and its rounding are exact enough in a double to decide every case but near-halves. */
    private static final double EXACT = 1e15;

    private Numbers() {
    }

    /** The double's exact value rounded half up, as BigDecimal would print it; without BigDecimal's cost where that cannot differ. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) return "";
        if (decimals < TENS.length) {
            double scaled = Math.abs(v) * TENS[decimals];
            double whole = Math.floor(scaled);
            // the product is off the exact one by half an ulp at most: only a fraction that close to a half can round either way
            if (scaled < EXACT && Math.abs(scaled - whole - 0.5) > Math.ulp(scaled)) {
                long units = (long) whole + (scaled - whole > 0.5 ? 1 : 0);
                return plain(v < 0 && units != 0, units, decimals);
            }
        }
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(boolean negative, long units, int decimals) {
        StringBuilder b = new StringBuilder(24);
        if (negative) b.append('-');
        b.append(units / TENS[decimals]);
        if (decimals > 0) {
            String fraction = Long.toString(units % TENS[decimals]);
            b.append('.');
            for (int i = fraction.length(); i < decimals; i++) b.append('0');
            b.append(fraction);
        }
        return b.toString();
    }
}
