package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** CPU and network samples folded per test pattern and host as they stream by, plus each host's CPU over time for charts. */
public final class CpuFigures {
    private record Key(Subtest subtest, String host) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = subtest.compareTo(o.subtest);
            return c != 0 ? c : host.compareTo(o.host);
        }
    }

    private static final class Sums {
        final Running usr = new Running();
        final Running sys = new Running();
        final Running total = new Running();
        final Running wait = new Running();
        final Running recv = new Running();
        final Running send = new Running();
    }

    /** A host's CPU over time: x in epoch seconds. */
    public record HostSeries(Series usr, Series sys, Series total, Series iowait) {
    }

    private final Map<Key, Sums> sums = new TreeMap<>();
    private final Map<String, HostSeries> series = new TreeMap<>();

    private Key lastKey;
    private Sums last;

    public void add(Subtest subtest, CpuSample s) {
        Key key = new Key(subtest, s.origin().hostOrName());
        // samples come file by file: the same key as the last one, mostly
        if (!key.equals(lastKey)) {
            last = sums.computeIfAbsent(key, k -> new Sums());
            lastKey = key;
        }
        Sums x = last;
        x.usr.add(s.usr());
        x.sys.add(s.sys());
        x.total.add(100 - s.idl());
        x.wait.add(s.wai());
        x.recv.add(s.recv());
        x.send.add(s.send());
    }

    /** Every sample, in a segment or not, for the host's chart. */
    public void chart(CpuSample s) {
        if (Double.isNaN(s.idl())) return;
        HostSeries h = series.computeIfAbsent(s.origin().hostOrName(), k -> new HostSeries(new Series(), new Series(), new Series(), new Series()));
        double x = s.time().toEpochMilli() / 1000.0;
        h.usr.add(x, s.usr());
        h.sys.add(x, s.sys());
        h.total.add(x, 100 - s.idl());
        h.iowait.add(x, s.wai());
    }

    public Map<String, HostSeries> series() {
        return series;
    }

    public List<CpuRow> rows() {
        List<CpuRow> rows = new ArrayList<>();
        sums.forEach((k, x) -> rows.add(new CpuRow(k.subtest, k.host, x.total.count(), x.usr.mean(), x.usr.max(),
                x.sys.mean(), x.sys.max(), x.total.mean(), x.total.max(), x.wait.mean(), x.wait.max(), x.recv.mean(), x.send.mean())));
        return rows;
    }
}
