package org.flotilla.dashboard;

import org.flotilla.analysis.parse.BandwidthPoint;
import org.flotilla.analysis.parse.CpuSample;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's logs during a test, read where the last look stopped and parsed by the parsers
 * `analyze` uses (each chunk of whole lines as a small log of its own).
 */
final class HostReading {
    /** A file's last figure stands for this many looks without a new line (a line may land just after a look). */
    private static final int CARRIED = 2;
    private final Host host;
    private final List<String> paths;
    private final Map<String, LogCursor> cursors = new LinkedHashMap<>();
    private final Map<String, double[]> last = new LinkedHashMap<>(); // path -> {bps, looks since}
    private double cpuBusy = -1;

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
            double[] seen = last.computeIfAbsent(f.path(), p -> new double[]{0, CARRIED + 1});
            seen[1]++;
            if (lines.length > 0 && cursor.kind().isPresent()) parse(cursor, lines, seen);
        }
        double bps = 0;
        for (double[] seen : last.values()) if (seen[1] <= CARRIED) bps += seen[0];
        return new HostFigures(host.id(), bps, cpuBusy);
    }

    private void parse(LogCursor cursor, byte[] lines, double[] seen) throws IOException {
        LogKind kind = cursor.kind().orElseThrow();
        Origin origin = new Origin(Path.of(cursor.path()), host.id() + ":" + cursor.path(), host.role(), host.id(), null, null);
        kind.parser(Year.now().getValue()).parse(origin, new ByteArrayInputStream(lines), new LogSink() {
            @Override
            public void bandwidth(BandwidthPoint p) {
                seen[0] = p.bitsPerSecond(); // the newest interval of this file
                seen[1] = 0;
            }

            @Override
            public void cpu(CpuSample s) {
                if (!Double.isNaN(s.idl())) cpuBusy = 100 - s.idl();
            }
        }, new Problems()); // a chunk lacks the whole file's ending: what it cannot judge is no problem here
    }

    private List<Remote.RemoteFile> files(Remote remote) throws IOException {
        List<Remote.RemoteFile> out = new java.util.ArrayList<>();
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
