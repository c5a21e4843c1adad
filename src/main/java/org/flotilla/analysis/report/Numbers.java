package org.flotilla.analysis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How figures read in tables: a fixed number of decimals, a point for the decimal mark, nothing for "no value". */
final class Numbers {
    private Numbers() {
    }

    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) return "";
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
