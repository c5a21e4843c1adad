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
            return startTime(at, start, end);
        }

        static Instant startTime(Instant at, double start, double end) {
            return at == null ? null : at.minusMillis(Math.round((end - start) * 1000));
        }
    }

    private final Origin origin;
    private final LogSink sink;
    private final Problems problems;
    /** Per stream, in the order met: its pending result and the furthest second it reached (no boxed number per line). */
    private static final class Stream {
        Report pending;
        double reached = Double.NEGATIVE_INFINITY;
    }

    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private String lastId;
    private Stream last;

    Iperf2Streams(Origin origin, LogSink sink, Problems problems) {
        this.origin = origin;
        this.sink = sink;
        this.problems = problems;
    }

    void report(Report r) {
        report(r.id(), r.start(), r.end(), r.bitsPerSecond(), r.at(), r);
    }

    /**
     * A report of a text log, which tells no time: only a report that starts at 0 can be a result, and only such a
     * report is kept as a Report; the millions of later intervals go to the sink as they are read.
     */
    void report(String id, double start, double end, double bytes, double bitsPerSecond, long line) {
        report(id, start, end, bitsPerSecond, null,
                start == 0 ? new Report(id, start, end, bytes, bitsPerSecond, null, line, Double.NaN, -1, Double.NaN) : null);
    }

    /** @param kept the report itself when it may have to be kept (it starts at 0), else null */
    private void report(String id, double start, double end, double bitsPerSecond, Instant at, Report kept) {
        // lines come stream by stream mostly: the last stream's state is at hand without a lookup
        if (!id.equals(lastId)) {
            last = streams.computeIfAbsent(id, k -> new Stream());
            lastId = id;
        }
        Stream st = last;
        st.reached = Math.max(st.reached, end);
        Report pending = st.pending;
        if (start == 0) {
            st.pending = kept;
            if (pending != null) interval(pending);
        } else {
            // a later interval: the line at 0 before it was the first interval, not the result
            if (pending != null && pending.end() <= start + 0.5) {
                interval(pending);
                st.pending = null;
            }
            interval(id, at, start, end, bitsPerSecond);
        }
    }

    void finish() {
        streams.forEach((id, st) -> {
            Report r = st.pending;
            if (r == null || r.end() + 0.5 < st.reached) {
                if (r != null) interval(r);
                problems.line(origin.name(), r == null ? 0 : r.line(), "stream " + id + " has no final result line (iperf stopped early?)", "");
            } else {
                sink.result(new ClientResult(origin, r.line(), id, r.startTime(), r.end() - r.start(), r.bytes(), r.bitsPerSecond(),
                        r.jitterMs(), r.lost(), r.lostPercent()));
            }
        });
    }

    private void interval(Report r) {
        interval(r.id(), r.at(), r.start(), r.end(), r.bitsPerSecond());
    }

    private void interval(String id, Instant at, double start, double end, double bitsPerSecond) {
        sink.bandwidth(new BandwidthPoint(origin, id, Report.startTime(at, start, end), start, end - start, bitsPerSecond));
    }
}
