package org.flotilla.analysis.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain dstat CSV row read straight from bytes: commas found once, the seven cells used parsed
 * in place. A day of per-CPU samples is a hundred MB of rows, dozens of cells each. Anything
 * unusual (a quote, a cell the fast path does not read exactly as Double.parseDouble would) is
 * left to the parser's String path, which reads it or reports it; so this path never decides
 * what is a problem.
 */
final class DstatRow {
    private static final double[] TENS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    private int[] starts = new int[128];
    private int cells;
    private byte[] b;
    private int to;

    double usr;
    double sys;
    double idl;
    double wai;
    double recv;
    double send;

    /** Reads the row; false when the String path must (a quote, a non-digit start, a missing or unusual cell). */
    boolean read(byte[] line, int from, int end, DstatColumns c) {
        if (from >= end || line[from] < '0' || line[from] > '9') return false;
        b = line;
        to = end;
        cells = 0;
        starts[cells++] = from;
        for (int i = from; i < end; i++) {
            byte x = line[i];
            if (x == ',') {
                if (cells == starts.length) starts = Arrays.copyOf(starts, cells * 2);
                starts[cells++] = i + 1;
            } else if (x == '"') {
                return false;
            }
        }
        if (c.time() >= cells) return false;
        usr = value(c.usr());
        sys = value(c.sys());
        idl = value(c.idl());
        wai = value(c.wai());
        recv = value(c.recv());
        send = value(c.send());
        return read(c.usr(), usr) && read(c.sys(), sys) && read(c.idl(), idl) && read(c.wai(), wai)
                && read(c.recv(), recv) && read(c.send(), send);
    }

    /** A column dstat did not write stays NaN; one it wrote must have been read. */
    private static boolean read(int column, double v) {
        return column < 0 || !Double.isNaN(v);
    }

    /** The text of cell i (the time, which SampleTime reads). */
    String cell(int i) {
        return new String(b, starts[i], end(i) - starts[i], StandardCharsets.ISO_8859_1);
    }

    private int end(int i) {
        return i + 1 < cells ? starts[i + 1] - 1 : to;
    }

    /** [spaces][-]digits[.digits][spaces] of at most 15 digits, exactly; NaN for an absent column or anything else. */
    private double value(int column) {
        if (column < 0 || column >= cells) return Double.NaN;
        int i = starts[column];
        int e = end(column);
        while (i < e && b[i] == ' ') i++;
        while (e > i && b[e - 1] == ' ') e--;
        boolean negative = i < e && b[i] == '-';
        if (negative) i++;
        long n = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < e; i++) {
            byte x = b[i];
            if (x >= '0' && x <= '9') {
                n = n * 10 + (x - '0');
                digits++;
                if (fraction >= 0) fraction++;
            } else if (x == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15) return Double.NaN;
        double v = n / TENS[Math.max(fraction, 0)];
        return negative ? -v : v;
    }
}
