package org.flotilla.analysis.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bracketed result line of iperf2 or iperf3 text: {@code [  3]  0.0-10.0 sec  134 MBytes  112 Mbits/sec},
 * any unit prefix, then whatever the tool adds (retransmits, jitter, "sender"/"receiver").
 */
record IperfLine(String id, double start, double end, double bytes, double bitsPerSecond, String rest) {
    private static final Pattern LINE = Pattern.compile(
            "^\\[\\s*(\\d+|SUM(?:-\\d+)?)\\s*]\\s+(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s+sec\\s+"
                    + "(\\d+(?:\\.\\d+)?)\\s+([KMGTkmgt]?)Bytes\\s+(\\d+(?:\\.\\d+)?)\\s+([KMGTkmgt]?)bits/sec(.*)$");
    /** Lines the tools print around the results; they are expected, not problems. */
    private static final Pattern CHATTER = Pattern.compile(
            "^(-{3,}.*|- - -.*|Client connecting to.*|Server listening on.*|Connecting to host.*|TCP window size.*"
                    + "|UDP buffer size.*|Sending \\d+ byte datagrams.*|Read buffer size.*|Write buffer size.*|iperf Done\\..*"
                    + "|Accepted connection from.*|TCP congestion control.*|\\[\\s*(?:\\d+|SUM|ID)[^]]*]\\s+(?:local|Interval|Sent|Server Report|WARNING|connected).*)$");

    static IperfLine parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return null;
        return new IperfLine(m.group(1).startsWith("SUM") ? "SUM" : m.group(1),
                Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Units.bytes(Double.parseDouble(m.group(4)), m.group(5)),
                Units.bits(Double.parseDouble(m.group(6)), m.group(7)), m.group(8).trim());
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
