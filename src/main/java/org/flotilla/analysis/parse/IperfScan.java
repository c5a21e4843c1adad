package org.flotilla.analysis.parse;

import java.nio.charset.StandardCharsets;

/**
 * Reads one bracketed iperf result line straight from bytes: {@code [  3]  0.0-10.0 sec  134 MBytes  112 Mbits/sec},
 * any unit prefix, then whatever the tool adds. A log holds millions of these lines: no String,
 * regex or boxed number is made per line, and the figures of the last line stay in this cursor's
 * fields until the next {@link #parse}.
 */
final class IperfScan {
    private static final double[] TENS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    // the exact powers Math.pow gives: bytes by 1024, bits by 1000, as the tools compute them
    private static final double[] BYTES = {1, 1024, 1024.0 * 1024, 1024.0 * 1024 * 1024, 1024.0 * 1024 * 1024 * 1024};
    private static final double[] BITS = {1, 1e3, 1e6, 1e9, 1e12};

    private byte[] b;
    private int idFrom;
    private int idTo;
    private String lastId;
    /** The number {@link #number} read last. */
    private double value;

    boolean sum;
    double start;
    double end;
    double bytes;
    double bitsPerSecond;
    /** Where the text after the bandwidth begins. */
    int rest;

    /**
     * Reads {@code line[from..to)}; false when it is not a result line (the fields are then meaningless).
     * The cursor is a local and each step returns the next position (a gap is where the spaces after it end, a number -1 when
     * there is none), so the JIT keeps it in a register; the fixed words are compared byte by byte, without a loop.
     */
    boolean parse(byte[] line, int from, int to) {
        b = line;
        if (from >= to || line[from] != '[') return false;
        int i = spaces(line, from + 1, to);
        sum = i + 3 <= to && line[i] == 'S' && line[i + 1] == 'U' && line[i + 2] == 'M';
        if (sum) {
            i += 3;
            if (i < to && line[i] == '-') i = digits(line, i + 1, to);
        } else {
            idFrom = i;
            i = digits(line, i, to);
            if (i == idFrom) return false;
            idTo = i;
        }
        i = spaces(line, i, to);
        if (i >= to || line[i] != ']') return false;
        int g = spaces(line, i + 1, to);
        if (g == i + 1 || (i = number(line, g, to)) < 0) return false;
        start = value;
        i = spaces(line, i, to);
        if (i >= to || line[i] != '-') return false;
        i = spaces(line, i + 1, to);
        if ((i = number(line, i, to)) < 0) return false;
        end = value;
        g = spaces(line, i, to);
        if (g == i || g + 3 > to || line[g] != 's' || line[g + 1] != 'e' || line[g + 2] != 'c') return false;
        i = g + 3;
        g = spaces(line, i, to);
        if (g == i || (i = number(line, g, to)) < 0) return false;
        double transfer = value;
        g = spaces(line, i, to);
        if (g == i || g >= to) return false;
        int bytesPower = power(line[g]);
        if (bytesPower < 0) return false;
        i = bytesPower > 0 ? g + 1 : g;
        if (i + 5 > to || line[i] != 'B' || line[i + 1] != 'y' || line[i + 2] != 't' || line[i + 3] != 'e' || line[i + 4] != 's') return false;
        i += 5;
        g = spaces(line, i, to);
        if (g == i || (i = number(line, g, to)) < 0) return false;
        double rate = value;
        g = spaces(line, i, to);
        if (g == i || g >= to) return false;
        int bitsPower = power(line[g]);
        if (bitsPower < 0) return false;
        i = bitsPower > 0 ? g + 1 : g;
        if (i + 8 > to || line[i] != 'b' || line[i + 1] != 'i' || line[i + 2] != 't' || line[i + 3] != 's' || line[i + 4] != '/'
                || line[i + 5] != 's' || line[i + 6] != 'e' || line[i + 7] != 'c') return false;
        bytes = transfer * BYTES[bytesPower];
        bitsPerSecond = rate * BITS[bitsPower];
        rest = i + 8;
        return true;
    }

    /** The stream's id ("SUM" for a sum line); the same String while the id stays the same. */
    String id() {
        if (sum) return "SUM";
        if (lastId == null || !sameAs(lastId)) lastId = new String(b, idFrom, idTo - idFrom, StandardCharsets.US_ASCII);
        return lastId;
    }

    private boolean sameAs(String id) {
        if (id.length() != idTo - idFrom) return false;
        for (int i = 0; i < id.length(); i++) if (id.charAt(i) != b[idFrom + i]) return false;
        return true;
    }

    private static int spaces(byte[] b, int i, int to) {
        while (i < to) {
            byte x = b[i];
            if (x != ' ' && x != '\t') break;
            i++;
        }
        return i;
    }

    private static int digits(byte[] b, int i, int to) {
        while (i < to && (b[i] - '0' & 0xff) <= 9) i++;
        return i;
    }

    /** A unit prefix letter as a power (K 1 ... T 4; B or b, no prefix: 0); -1 when something else stands there. */
    private static int power(byte x) {
        return switch (x) {
            case 'K', 'k' -> 1;
            case 'M', 'm' -> 2;
            case 'G', 'g' -> 3;
            case 'T', 't' -> 4;
            case 'B', 'b' -> 0;
            default -> -1;
        };
    }

    /**
     * digits[.digits] into {@link #value}, exactly as Double.parseDouble would read it (a long ÷ a power of ten,
     * both exact, is correctly rounded); returns the position after it, -1 when there is no number.
     */
    private int number(byte[] b, int i, int to) {
        int from = i;
        long n = 0;
        int d;
        while (i < to && (d = b[i] - '0') >= 0 && d <= 9) {
            n = n * 10 + d;
            i++;
        }
        int whole = i - from;
        int fraction = 0;
        if (i < to && b[i] == '.') {
            int f = ++i;
            while (i < to && (d = b[i] - '0') >= 0 && d <= 9) {
                n = n * 10 + d;
                i++;
            }
            fraction = i - f;
        }
        if (whole + fraction == 0) return -1;
        value = whole + fraction > 15 ? Double.parseDouble(new String(b, from, i - from, StandardCharsets.US_ASCII)) : n / TENS[fraction];
        return i;
    }
}
