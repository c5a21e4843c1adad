package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * sysstat's {@code sadf -d} (e.g. {@code sadf -d FILE -- -u -n DEV}): blocks each headed by
 * {@code # hostname;interval;timestamp;...}. CPU rows of "all" (-1) become samples (usr = %user +
 * %nice, as dstat counts it); network rows of one time are added up over the interfaces but lo,
 * as dstat's net/total does, kB/s being 1024 bytes.
 */
public final class SadfParser implements LogParser {
    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        List<String> header = null;
        SampleTime time = new SampleTime(1970);
        Instant netTime = null;
        double recv = 0;
        double send = 0;
        long netLine = 0;
        String text;
        while ((text = lines.next()) != null) {
            if (text.isBlank()) continue;
            if (text.startsWith("#")) {
                header = CsvCells.split(text.substring(1).trim(), ';');
                continue;
            }
            if (header == null) {
                problems.line(origin.name(), lines.number(), "sadf row before any # header", text);
                continue;
            }
            List<String> cells = CsvCells.split(text, ';');
            try {
                if (cells.size() != header.size()) throw new IllegalArgumentException(cells.size() + " cells, the header has " + header.size());
                Instant t = time.parse(cells.get(header.indexOf("timestamp")).replace(" UTC", ""));
                if (header.contains("%idle")) {
                    if (!cells.get(header.indexOf("CPU")).trim().equals("-1")) continue;
                    sink.cpu(new CpuSample(origin, lines.number(), t,
                            num(cells, header, "%user", "%usr") + num(cells, header, "%nice"), num(cells, header, "%system", "%sys"),
                            num(cells, header, "%idle"), num(cells, header, "%iowait"), Double.NaN, Double.NaN));
                } else if (header.contains("rxkB/s")) {
                    if (netTime != null && !netTime.equals(t)) sink.cpu(net(origin, netLine, netTime, recv, send));
                    if (netTime == null || !netTime.equals(t)) {
                        netTime = t;
                        recv = send = 0;
                        netLine = lines.number();
                    }
                    if (!cells.get(header.indexOf("IFACE")).trim().equals("lo")) {
                        recv += num(cells, header, "rxkB/s") * 1024;
                        send += num(cells, header, "txkB/s") * 1024;
                    }
                } else {
                    problems.line(origin.name(), lines.number(), "a sadf block of neither CPU (-u) nor network (-n DEV)", text);
                    header = null;
                }
            } catch (RuntimeException e) {
                problems.line(origin.name(), lines.number(), "not a sadf row: " + e.getMessage(), text);
            }
        }
        if (netTime != null) sink.cpu(net(origin, netLine, netTime, recv, send));
    }

    private static CpuSample net(Origin origin, long line, Instant t, double recv, double send) {
        return new CpuSample(origin, line, t, Double.NaN, Double.NaN, Double.NaN, Double.NaN, recv, send);
    }

    /** The first of the columns the header has: {@code -u} says %user and %system, {@code -u ALL} %usr and %sys. */
    private static double num(List<String> cells, List<String> header, String... columns) {
        for (String column : columns) {
            int i = header.indexOf(column);
            if (i >= 0) return Units.number(cells.get(i));
        }
        throw new IllegalArgumentException("no column " + String.join(" or ", columns));
    }
}
