package org.flotilla.analysis.parse;

import java.time.Instant;

/** One row of a Locust {@code _stats_history.csv} for the aggregated requests of one host. */
public record LocustPoint(Origin origin, Instant time, long users, double requestsPerSecond, double failuresPerSecond,
                          long totalRequests) {
}
