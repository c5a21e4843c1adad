package org.flotilla.dashboard;

import org.flotilla.analysis.parse.BandwidthPoint;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.fleet.Host;
import org.flotilla.ssh.Remote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's logs during a test, read where the last look stopped and parsed by the parsers
 * `analyze` uses (each chunk of whole lines as a small log of its own, behind its file's header
 * when it has one).
 */
final class HostReading {
    /** A file's last figure stands for this many looks without a new line (a line may land just after a look). */
    private static final int CARRIED = 2;
    /** Locust writes its stats history each second but flushes it only every 10 s unless told otherwise: its rows may come ten at a time. */
    private static final int LOCUST_CARRIED = 11;
    private final Host host;
    private final List<String> paths;
    private final Map<String, LogCursor> cursors = new LinkedHashMap<>();
    private final Map<String, Newest> newest = new LinkedHashMap<>();
    private Double cpuBusy;

    /** A file's newest figures and how many looks ago they came. */
    private static final class Newest {
        final LogKind kind;
        double bitsPerSecond;
        double requestsPerSecond;
        double failuresPerSecond;
        double medianMs = Double.NaN;
        int looksSince = Integer.MAX_VALUE / 2;

        Newest(LogKind kind) {
            this.kind = kind;
        }

        boolean fresh() {
            return looksSince <= (kind == LogKind.LOCUST_HISTORY ? LOCUST_CARRIED : CARRIED);
        }
    }

    HostReading(Host host, List<String> paths) {
        this.host = host;
        this.paths = paths;
    }

    /** Notes the logs' sizes before the test: only what is written after is read. */
    void baseline(Remote remote) throws IOException {
        for (Remote.RemoteFile f : files(remote)) cursors.put(f.path(), new LogCursor(f.path(), f.size()));
    }

    HostFigures look(Remote remote) throws IOException {
        for (Remote.RemoteFile f : files(remote)) {
            LogCursor cursor = cursors.computeIfAbsent(f.path(), p -> new LogCursor(p, 0));
            byte[] lines = cursor.next(remote, f.size());
            if (cursor.kind().isEmpty()) continue;
            Newest seen = newest.computeIfAbsent(f.path(), p -> new Newest(cursor.kind().orElseThrow()));
            seen.looksSince++;
            if (lines.length > 0) parse(cursor, lines, seen);
        }
        return figures();
    }

    private HostFigures figures() {
        Double bps = null;
        Double rps = null;
        Double fps = null;
        double medians = 0;
        int withMedian = 0;
        boolean summaryOnly = false;
        for (Newest n : newest.values()) {
            if (n.kind.isBandwidth()) bps = (bps == null ? 0 : bps) + (n.fresh() ? n.bitsPerSecond : 0);
            if (n.kind == LogKind.LOCUST_HISTORY) {
                rps = (rps == null ? 0 : rps) + (n.fresh() ? n.requestsPerSecond : 0);
                fps = (fps == null ? 0 : fps) + (n.fresh() ? n.failuresPerSecond : 0);
                if (n.fresh() && !Double.isNaN(n.medianMs)) {
                    medians += n.medianMs;
                    withMedian++;
                }
            }
            summaryOnly |= n.kind == LogKind.SIEGE_TEXT || n.kind == LogKind.SIEGE_JSON;
        }
        return new HostFigures(host.id(), bps, cpuBusy, rps, fps, withMedian == 0 ? null : medians / withMedian, summaryOnly);
    }

    private void parse(LogCursor cursor, byte[] lines, Newest seen) throws IOException {
        LogKind kind = cursor.kind().orElseThrow();
        Origin origin = new Origin(Path.of(cursor.path()), host.id() + ":" + cursor.path(), host.role(), host.id(), null, null);
        kind.parser(Year.now().getValue()).parse(origin, new ByteArrayInputStream(lines), new LogSink() {
            @Override
            public void bandwidth(BandwidthPoint p) {
                seen.bitsPerSecond = p.bitsPerSecond(); // the newest interval of this file
                seen.looksSince = 0;
            }

            @Override
            public void cpu(CpuSample s) {
                if (!Double.isNaN(s.idl())) cpuBusy = 100 - s.idl();
            }

            @Override
            public void locustPoint(LocustPoint p) {
                // the newest row of this file; Locust writes N/A for a rate it cannot tell yet
                seen.requestsPerSecond = Double.isNaN(p.requestsPerSecond()) ? 0 : p.requestsPerSecond();
                seen.failuresPerSecond = Double.isNaN(p.failuresPerSecond()) ? 0 : p.failuresPerSecond();
                seen.medianMs = p.medianMs();
                seen.looksSince = 0;
            }
        }, new Problems()); // a chunk lacks the whole file's ending: what it cannot judge is no problem here
    }

    private List<Remote.RemoteFile> files(Remote remote) throws IOException {
        List<Remote.RemoteFile> out = new ArrayList<>();
        for (String p : paths) {
            if (p.endsWith("/") || remote.isDirectory(p)) {
                if (remote.isDirectory(p)) out.addAll(remote.list(p, true));
            } else {
                remote.file(p).ifPresent(out::add);
            }
        }
        return out;
    }
}
