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
    private int at;
    private int limit;
    private int idFrom;
    private int idTo;
    private String lastId;

    boolean sum;
    double start;
    double end;
    double bytes;
    double bitsPerSecond;
    /** Where the text after the bandwidth begins. */
    int rest;

    /** Reads {@code b[from..to)}; false when it is not a result line (the fields are then meaningless). */
    boolean parse(byte[] line, int from, int to) {
        b = line;
        at = from;
        limit = to;
        if (!take('[')) return false;
        spaces();
        sum = false;
        if (at + 3 <= limit && b[at] == 'S' && b[at + 1] == 'U' && b[at + 2] == 'M') {
            at += 3;
            if (take('-')) digits();
            sum = true;
        } else {
            idFrom = at;
            if (digits() == 0) return false;
            idTo = at;
        }
        spaces();
        if (!take(']') || spaces() == 0) return false;
        start = number();
        spaces();
        if (Double.isNaN(start) || !take('-')) return false;
        spaces();
        end = number();
        if (Double.isNaN(end) || spaces() == 0 || !word(SEC) || spaces() == 0) return false;
        double transfer = number();
        if (Double.isNaN(transfer) || spaces() == 0) return false;
        int bytesPower = prefix();
        if (bytesPower < 0 || !word(BYTES_WORD) || spaces() == 0) return false;
        double rate = number();
        if (Double.isNaN(rate) || spaces() == 0) return false;
        int bitsPower = prefix();
        if (bitsPower < 0 || !word(BITS_WORD)) return false;
        bytes = transfer * BYTES[bytesPower];
        bitsPerSecond = rate * BITS[bitsPower];
        rest = at;
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

    private boolean take(char c) {
        if (at < limit && b[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private int spaces() {
        int from = at;
        while (at < limit && (b[at] == ' ' || b[at] == '\t')) at++;
        return at - from;
    }

    private int digits() {
        int from = at;
        while (at < limit && b[at] >= '0' && b[at] <= '9') at++;
        return at - from;
    }

    private boolean word(byte[] w) {
        if (limit - at < w.length) return false;
        for (int i = 0; i < w.length; i++) if (b[at + i] != w[i]) return false;
        at += w.length;
        return true;
    }

    /** An optional unit prefix letter as a power (K 1 ... T 4, none 0); -1 when something else stands there. */
    private int prefix() {
        if (at >= limit) return -1;
        int power = switch (b[at]) {
            case 'K', 'k' -> 1;
            case 'M', 'm' -> 2;
            case 'G', 'g' -> 3;
            case 'T', 't' -> 4;
            default -> 0;
        };
        if (power > 0) {
            at++;
            return power;
        }
        return b[at] == 'B' || b[at] == 'b' ? 0 : -1;
    }

    /** digits[.digits], exactly as Double.parseDouble would read it (long ÷ power of ten is correctly rounded); NaN when none. */
    private double number() {
        int from = at;
        int whole = digits();
        int fraction = 0;
        if (take('.')) fraction = digits();
        if (whole == 0 && fraction == 0) return Double.NaN;
        if (whole + fraction > 15) return Double.parseDouble(new String(b, from, at - from, StandardCharsets.US_ASCII));
        long n = 0;
        for (int i = from; i < at; i++) {
            byte c = b[i];
            if (c != '.') n = n * 10 + (c - '0');
        }
        return n / TENS[fraction];
    }
}
