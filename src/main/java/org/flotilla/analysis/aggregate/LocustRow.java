package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.segment.Subtest;

import java.util.SortedMap;

/** One request name (or "Aggregated") of a Locust test pattern over all hosts; percentiles merged, never averaged. */
public record LocustRow(Subtest subtest, String type, String name, int hosts, long requests, long failures,
                        double averageMs, double minMs, double maxMs, double requestsPerSecond, double failuresPerSecond,
                        SortedMap<Double, Double> percentiles) {
}
