package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;

/** iperf2 client text ({@code [  3]  0.0-10.0 sec  134 MBytes  112 Mbits/sec}); [SUM] lines add up streams counted already. */
public final class Iperf2TextParser implements LogParser {
    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        Iperf2Streams streams = new Iperf2Streams(origin, sink, problems);
        String text;
        while ((text = lines.next()) != null) {
            if (text.startsWith("Server listening on")) {
                problems.ignored(origin.name(), "iperf2 server log: results are taken from the clients' logs");
                return;
            }
            IperfLine l = IperfLine.parse(text);
            if (l == null) {
                if (!IperfLine.isChatter(text)) problems.line(origin.name(), lines.number(), "not an iperf2 line", text);
            } else if (!l.isSum()) {
                streams.report(new Iperf2Streams.Report(l.id(), l.start(), l.end(), l.bytes(), l.bitsPerSecond(), null,
                        lines.number(), Double.NaN, -1, Double.NaN));
            }
        }
        streams.finish();
    }
}
