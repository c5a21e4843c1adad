package org.flotilla.analysis.parse;

import java.time.Instant;

/**
 * One row of a Locust {@code _stats_history.csv} for the aggregated requests of one host.
 *
 * @param medianMs the row's "50%" response time: over Locust's last 10 s or so with {@code --csv-full-history},
 *                 since the start without; NaN while Locust has none ("N/A") or the file has no such column
 */
public record LocustPoint(Origin origin, Instant time, long users, double requestsPerSecond, double failuresPerSecond,
                          long totalRequests, double medianMs) {
}
