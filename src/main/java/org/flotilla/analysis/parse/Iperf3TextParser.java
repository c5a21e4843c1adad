package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3 client text, with or without {@code --timestamps} (each line then starts with the C
 * locale's {@code %c}, e.g. "Tue Nov 24 20:59:27 2026 ", read as UTC; the first one is the client's start). The run is one client: its result is the receiver line ([SUM] when it ran
 * several streams, falling back to sender); intervals are the [SUM] lines of a multi-stream run,
 * else the stream's lines.
 */
public final class Iperf3TextParser implements LogParser {
    private static final Pattern STAMP = Pattern.compile("^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} ");
    private static final DateTimeFormatter STAMP_TIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    private static final Pattern UDP = Pattern.compile("([\\d.]+)\\s+ms\\s+(\\d+)/(\\d+)\\s+\\(([-\\d.e+]+|nan)%\\)");

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        int streams = 0;
        Candidate receiver = null;
        Candidate sender = null;
        Instant start = null;
        String text;
        while ((text = lines.next()) != null) {
            Matcher stamp = STAMP.matcher(text);
            if (stamp.lookingAt()) {
                if (start == null) start = time(text.substring(0, stamp.end() - 1));
                text = text.substring(stamp.end());
            }
            if (text.startsWith("Server listening on")) {
                problems.ignored(origin.name(), "iperf3 server log: results are taken from the clients' logs");
                return;
            }
            if (text.contains(" local ") && text.contains(" connected to ")) streams++;
            IperfLine l = IperfLine.parse(text);
            if (l == null) {
                if (!IperfLine.isChatter(text)) problems.line(origin.name(), lines.number(), "not an iperf3 line", text);
                continue;
            }
            boolean multi = streams > 1;
            if (l.rest().endsWith("receiver") || l.rest().endsWith("sender")) {
                if (multi != l.isSum()) continue;
                Candidate c = new Candidate(l, lines.number());
                if (l.rest().endsWith("receiver")) receiver = c;
                else sender = c;
            } else if (multi == l.isSum()) {
                sink.bandwidth(new BandwidthPoint(origin, "", start == null ? null : start.plusMillis(Math.round(l.start() * 1000)),
                        l.start(), l.seconds(), l.bitsPerSecond()));
            }
        }
        Candidate result = receiver != null ? receiver : sender;
        if (result == null) {
            problems.file(origin.name(), "no final sender/receiver line (iperf3 failed or stopped early?)");
            return;
        }
        IperfLine l = result.line;
        Matcher udp = UDP.matcher(l.rest());
        if (udp.find()) {
            double lost = udp.group(4).equals("nan") ? Double.NaN : Double.parseDouble(udp.group(4));
            sink.result(new ClientResult(origin, result.number, "", start, l.seconds(), l.bytes(), l.bitsPerSecond(),
                    Double.parseDouble(udp.group(1)), Long.parseLong(udp.group(2)), lost));
        } else {
            sink.result(ClientResult.tcp(origin, result.number, "", start, l.seconds(), l.bytes(), l.bitsPerSecond()));
        }
    }

    private static Instant time(String stamp) {
        try {
            return LocalDateTime.parse(stamp, STAMP_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Candidate(IperfLine line, long number) {
    }
}
