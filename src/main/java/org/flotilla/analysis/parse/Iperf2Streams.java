package org.flotilla.analysis.parse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * iperf2's reports of one file, text or CSV alike: each stream's result is its last report that
 * starts at 0 (with -i the first interval starts at 0 too, and turns out to be an interval when a
 * later one replaces it); reports that start later are intervals.
 */
final class Iperf2Streams {
    /** One report. {@code at} is when iperf printed it (the end of the interval), when the log tells. */
    record Report(String id, double start, double end, double bytes, double bitsPerSecond, Instant at, long line,
                  double jitterMs, long lost, double lostPercent) {
        Instant startTime() {
            return at == null ? null : at.minusMillis(Math.round((end - start) * 1000));
        }
    }

    private final Origin origin;
    private final LogSink sink;
    private final Problems problems;
    private final Map<String, Report> finals = new LinkedHashMap<>();
    private final Map<String, Double> reached = new LinkedHashMap<>();

    Iperf2Streams(Origin origin, LogSink sink, Problems problems) {
        this.origin = origin;
        this.sink = sink;
        this.problems = problems;
    }

    void report(Report r) {
        reached.merge(r.id(), r.end(), Math::max);
        Report pending = finals.get(r.id());
        if (r.start() == 0) {
            finals.put(r.id(), r);
            if (pending != null) interval(pending);
        } else {
            // a later interval: the line at 0 before it was the first interval, not the result
            if (pending != null && pending.end() <= r.start() + 0.5) {
                interval(pending);
                finals.remove(r.id());
            }
            interval(r);
        }
    }

    void finish() {
        reached.forEach((id, end) -> {
            Report r = finals.get(id);
            if (r == null || r.end() + 0.5 < end) {
                if (r != null) interval(r);
                problems.line(origin.name(), r == null ? 0 : r.line(), "stream " + id + " has no final result line (iperf stopped early?)", "");
            } else {
                sink.result(new ClientResult(origin, r.line(), id, r.startTime(), r.end() - r.start(), r.bytes(), r.bitsPerSecond(),
                        r.jitterMs(), r.lost(), r.lostPercent()));
            }
        });
    }

    private void interval(Report r) {
        sink.bandwidth(new BandwidthPoint(origin, r.id(), r.startTime(), r.start(), r.end() - r.start(), r.bitsPerSecond()));
    }
}
