package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;

/**
 * iperf2 client text ({@code [  3]  0.0-10.0 sec  134 MBytes  112 Mbits/sec}); [SUM] lines add up streams counted already.
 * Result lines are read from the bytes; only the few other lines are decoded, to be told chatter or problem.
 */
public final class Iperf2TextParser implements LogParser {
    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        IperfScan scan = new IperfScan();
        Iperf2Streams streams = new Iperf2Streams(origin, sink, problems);
        while (lines.advance()) {
            if (scan.parse(lines.bytes(), lines.from(), lines.to())) {
                if (!scan.sum) {
                    streams.report(scan.id(), scan.start, scan.end, scan.bytes, scan.bitsPerSecond, lines.number());
                }
                continue;
            }
            String text = lines.text();
            if (text.startsWith("Server listening on")) {
                problems.ignored(origin.name(), "iperf2 server log: results are taken from the clients' logs");
                return;
            }
            if (!IperfLine.isChatter(text)) problems.line(origin.name(), lines.number(), "not an iperf2 line", text);
        }
        streams.finish();
    }
}
