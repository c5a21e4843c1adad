package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * iperf2 {@code -y C}: {@code time,local,port,remote,port[,id],start-end,bytes,bits/s[,jitter,lost,total,lost%,...]}.
 * Older versions leave out the id column; the interval cell tells where the rest starts.
 * Times are read as UTC (the fleet's clocks are). Stream id -1 is a sum of streams, left out.
 * A server's reports look the same but for the ports: its local port is the well-known one, lower
 * than the client's ephemeral port; they are left out (the clients' logs count) and the file listed.
 */
public final class Iperf2CsvParser implements LogParser {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        Iperf2Streams streams = new Iperf2Streams(origin, sink, problems);
        boolean server = false;
        String text;
        while ((text = lines.next()) != null) {
            if (text.isBlank()) continue;
            String[] f = text.split(",", -1);
            try {
                int interval = f.length >= 9 && f[6].contains("-") ? 6 : f.length >= 8 && f[5].contains("-") ? 5 : -1;
                if (interval < 0) throw new IllegalArgumentException("expected 8 or more cells with a start-end interval");
                String id = interval == 6 ? f[5].trim() : "1";
                if (id.equals("-1")) continue;
                if (Long.parseLong(f[2].trim()) < Long.parseLong(f[4].trim())) {
                    server = true;
                    continue;
                }
                int dash = f[interval].indexOf('-');
                double start = Double.parseDouble(f[interval].substring(0, dash));
                double end = Double.parseDouble(f[interval].substring(dash + 1));
                double bytes = Double.parseDouble(f[interval + 1]);
                double bps = Double.parseDouble(f[interval + 2]);
                boolean udp = f.length >= interval + 7;
                streams.report(new Iperf2Streams.Report(id, start, end, bytes, bps, time(f[0]), lines.number(),
                        udp ? Double.parseDouble(f[interval + 3]) : Double.NaN, udp ? Long.parseLong(f[interval + 4].trim()) : -1,
                        udp ? Double.parseDouble(f[interval + 6]) : Double.NaN));
            } catch (RuntimeException e) {
                problems.line(origin.name(), lines.number(), "not an iperf2 CSV line: " + e.getMessage(), text);
            }
        }
        streams.finish();
        if (server) problems.ignored(origin.name(), "iperf2 server reports (local port below the remote one): results are taken from the clients' logs");
    }

    private static java.time.Instant time(String cell) {
        String s = cell.trim();
        if (s.length() < 14) throw new IllegalArgumentException("bad time " + s);
        java.time.Instant t = LocalDateTime.parse(s.substring(0, 14), TIME).toInstant(ZoneOffset.UTC);
        if (s.length() > 15 && s.charAt(14) == '.') t = t.plusNanos((long) (Double.parseDouble("0" + s.substring(14)) * 1e9));
        return t;
    }
}
