package org.flotilla.analysis.parse;

import java.util.SortedMap;

/**
 * One row of a Locust {@code _stats.csv}: one request name (or "Aggregated") on one host.
 *
 * @param percentiles response time in ms at each fraction (0.5, 0.66, ... 1.0) of the requests
 */
public record LocustStats(Origin origin, long line, String type, String name, long requests, long failures,
                          double averageMs, double minMs, double maxMs, double requestsPerSecond,
                          double failuresPerSecond, SortedMap<Double, Double> percentiles) {
}
