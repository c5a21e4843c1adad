package org.flotilla.analysis.parse;

import java.nio.charset.StandardCharsets;
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

    /** The line's figures, or null when it is not a result line. */
    static IperfLine parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        IperfScan s = new IperfScan();
        if (!s.parse(b, 0, b.length)) return null;
        return new IperfLine(s.id(), s.start, s.end, s.bytes, s.bitsPerSecond,
                new String(b, s.rest, b.length - s.rest, StandardCharsets.UTF_8).trim());
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
