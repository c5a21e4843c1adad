package org.flotilla.dashboard;

import org.flotilla.fleet.JournalEvent.Window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One fired window of a test (one pattern on its hosts), as the Tests view shows it.
 *
 * @param spreadMs      between the first host's start and the last one's, by the hosts' own clocks
 * @param clockOffsetsMs each host's clock offset from the daemon's when it was fired (host id to ms; hosts not known left out)
 */
record Firing(String test, String pattern, int hosts, int started, int ok, int failed, Instant firstStart, Instant lastEnd, double spreadMs,
              Map<String, Double> clockOffsetsMs) {

    static Firing of(List<Window> windows) {
        Window first = windows.get(0);
        Instant from = null, lastStart = null, to = null;
        int started = 0, ok = 0;
        Map<String, Double> offsets = new TreeMap<>();
        for (Window w : windows) {
            if (w.start() != null) {
                started++;
                if (from == null || w.start().isBefore(from)) from = w.start();
                if (lastStart == null || w.start().isAfter(lastStart)) lastStart = w.start();
            }
            if (w.end() != null && (to == null || w.end().isAfter(to))) to = w.end();
            if (w.ok()) ok++;
            if (w.clockOffsetMs() != null) offsets.put(w.host(), w.clockOffsetMs());
        }
        double spread = from == null ? 0 : Duration.between(from, lastStart).toNanos() / 1e6;
        return new Firing(first.test(), first.pattern(), windows.size(), started, ok, windows.size() - ok, from, to, spread, offsets);
    }

    /** Whether a window belongs to the same firing as this one's first (consecutive lines of one test and pattern). */
    static boolean same(Window a, Window b) {
        return Objects.equals(a.test(), b.test()) && Objects.equals(a.pattern(), b.pattern());
    }
}
