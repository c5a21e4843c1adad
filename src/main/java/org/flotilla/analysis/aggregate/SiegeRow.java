package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.segment.Subtest;

/**
 * siege over one test pattern, on one host or ({@code host} "all") on the whole fleet: sums of
 * transactions and of rates, the longest elapsed time, availability recomputed from the
 * successful and failed counts, response time weighted by transactions.
 *
 * @param hosts the siege summaries summed up (one per host and run of the pattern)
 */
public record SiegeRow(Subtest subtest, String host, int hosts, long transactions, double transactionRate, double elapsedSeconds,
                       double availability, double responseTimeMs, long successful, long failed) {
}
