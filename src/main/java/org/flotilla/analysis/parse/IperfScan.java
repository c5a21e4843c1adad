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
    private static final byte[] SEC = "sec".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTES_WORD = "Bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BITS_WORD = "bits/sec".getBytes(StandardCharsets.US_ASCII);

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
     * The cursor is a local and each step returns the next position (-1: no match), so the JIT keeps it in a register.
     */
    boolean parse(byte[] line, int from, int to) {
        b = line;
        int i = from;
        if (i >= to || line[i] != '[') return false;
        i = spaces(line, i + 1, to);
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
        if ((i = gap(line, i + 1, to)) < 0 || (i = number(line, i, to)) < 0) return false;
        start = value;
        i = spaces(line, i, to);
        if (i >= to || line[i] != '-') return false;
        i = spaces(line, i + 1, to);
        if ((i = number(line, i, to)) < 0) return false;
        end = value;
        if ((i = gap(line, i, to)) < 0 || (i = word(line, i, to, SEC)) < 0 || (i = gap(line, i, to)) < 0) return false;
        if ((i = number(line, i, to)) < 0 || (i = gap(line, i, to)) < 0) return false;
        double transfer = value;
        int bytesPower = power(line, i, to);
        if (bytesPower < 0) return false;
        if (bytesPower > 0) i++;
        if ((i = word(line, i, to, BYTES_WORD)) < 0 || (i = gap(line, i, to)) < 0) return false;
        if ((i = number(line, i, to)) < 0 || (i = gap(line, i, to)) < 0) return false;
        double rate = value;
        int bitsPower = power(line, i, to);
        if (bitsPower < 0) return false;
        if (bitsPower > 0) i++;
        if ((i = word(line, i, to, BITS_WORD)) < 0) return false;
        bytes = transfer * BYTES[bytesPower];
        bitsPerSecond = rate * BITS[bitsPower];
        rest = i;
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
        while (i < to && (b[i] == ' ' || b[i] == '\t')) i++;
        return i;
    }

    /** At least one space or tab; -1 when there is none (or i is already -1). */
    private static int gap(byte[] b, int i, int to) {
        if (i < 0) return -1;
        int after = spaces(b, i, to);
        return after == i ? -1 : after;
    }

    private static int digits(byte[] b, int i, int to) {
        while (i < to && b[i] >= '0' && b[i] <= '9') i++;
        return i;
    }

    private static int word(byte[] b, int i, int to, byte[] w) {
        if (to - i < w.length) return -1;
        for (int k = 0; k < w.length; k++) if (b[i + k] != w[k]) return -1;
        return i + w.length;
    }

    /** An optional unit prefix letter at i as a power (K 1 ... T 4, none 0); -1 when something else stands there. */
    private static int power(byte[] b, int i, int to) {
        if (i >= to) return -1;
        return switch (b[i]) {
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
        while (i < to && b[i] >= '0' && b[i] <= '9') n = n * 10 + (b[i++] - '0');
        int whole = i - from;
        int fraction = 0;
        if (i < to && b[i] == '.') {
            int f = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9') n = n * 10 + (b[i++] - '0');
            fraction = i - f;
        }
        if (whole == 0 && fraction == 0) return -1;
        value = whole + fraction > 15 ? Double.parseDouble(new String(b, from, i - from, StandardCharsets.US_ASCII)) : n / TENS[fraction];
        return i;
    }
}
