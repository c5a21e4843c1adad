package org.flotilla.analysis.parse;

import java.util.regex.Pattern;

/**
 * One bracketed result line of iperf2 or iperf3 text: {@code [  3]  0.0-10.0 sec  134 MBytes  112 Mbits/sec},
 * any unit prefix, then whatever the tool adds (retransmits, jitter, "sender"/"receiver").
 */
record IperfLine(String id, double start, double end, double bytes, double bitsPerSecond, String rest) {
    /** Lines the tools print around the results; they are expected, not problems. */
    private static final Pattern CHATTER = Pattern.compile(
            "^(-{3,}.*|- - -.*|Client connecting to.*|Server listening on.*|Connecting to host.*|TCP window size.*"
                    + "|UDP buffer size.*|Sending \\d+ byte datagrams.*|Read buffer size.*|Write buffer size.*|iperf Done\\..*"
                    + "|Accepted connection from.*|TCP congestion control.*|\\[\\s*(?:\\d+|SUM|ID)[^]]*]\\s+(?:local|Interval|Sent|Server Report|WARNING|connected).*)$");

    /** The line's figures, or null when it is not a result line. Scanned by hand: logs hold millions of these. */
    static IperfLine parse(String line) {
        Scan s = new Scan(line);
        if (!s.take('[')) return null;
        s.spaces();
        String id;
        if (line.startsWith("SUM", s.at)) {
            s.at += 3;
            if (s.take('-')) s.digits();
            id = "SUM";
        } else {
            int from = s.at;
            if (s.digits() == 0) return null;
            id = line.substring(from, s.at);
        }
        s.spaces();
        if (!s.take(']') || s.spaces() == 0) return null;
        double start = s.number();
        s.spaces();
        if (Double.isNaN(start) || !s.take('-')) return null;
        s.spaces();
        double end = s.number();
        if (Double.isNaN(end) || s.spaces() == 0 || !s.word("sec") || s.spaces() == 0) return null;
        double transfer = s.number();
        if (Double.isNaN(transfer) || s.spaces() == 0) return null;
        String bytesPrefix = s.prefix();
        if (bytesPrefix == null || !s.word("Bytes") || s.spaces() == 0) return null;
        double rate = s.number();
        if (Double.isNaN(rate) || s.spaces() == 0) return null;
        String bitsPrefix = s.prefix();
        if (bitsPrefix == null || !s.word("bits/sec")) return null;
        return new IperfLine(id, start, end, Units.bytes(transfer, bytesPrefix), Units.bits(rate, bitsPrefix), line.substring(s.at).trim());
    }

    /** A cursor over one line. */
    private static final class Scan {
        private static final double[] TENS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        final String line;
        int at;

        Scan(String line) {
            this.line = line;
        }

        boolean take(char c) {
            if (at < line.length() && line.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        int spaces() {
            int from = at;
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) at++;
            return at - from;
        }

        int digits() {
            int from = at;
            while (at < line.length() && line.charAt(at) >= '0' && line.charAt(at) <= '9') at++;
            return at - from;
        }

        boolean word(String w) {
            if (!line.startsWith(w, at)) return false;
            at += w.length();
            return true;
        }

        /** An optional unit prefix letter: "" when none, null when something else stands there. */
        String prefix() {
            if (at >= line.length()) return null;
            char c = line.charAt(at);
            if ("KMGTkmgt".indexOf(c) >= 0) {
                at++;
                return String.valueOf(c);
            }
            return c == 'B' || c == 'b' ? "" : null;
        }

        /** digits[.digits], exactly as Double.parseDouble would read it (long ÷ power of ten is correctly rounded); NaN when none. */
        double number() {
            int from = at;
            int whole = digits();
            int fraction = 0;
            if (take('.')) fraction = digits();
            if (whole == 0 && fraction == 0) return Double.NaN;
            int count = at - from - (fraction > 0 || line.charAt(at - 1) == '.' ? 1 : 0);
            if (count > 15) return Double.parseDouble(line.substring(from, at));
            long n = 0;
            for (int i = from; i < at; i++) {
                char c = line.charAt(i);
                if (c != '.') n = n * 10 + (c - '0');
            }
            return n / TENS[fraction];
        }
    }

    static boolean isChatter(String line) {
        return line.isBlank() || CHATTER.matcher(line.strip()).matches();
    }

    boolean isSum() {
        return id.equals("SUM");
    }

    double seconds() {
        return end - start;
    }
}
