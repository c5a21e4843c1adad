package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.segment.Subtest;

/**
 * siege over one test pattern, all hosts together: sums of transactions and of rates, the longest
 * elapsed time, availability recomputed from the successful and failed counts, response time
 * weighted by transactions.
 */
public record SiegeRow(Subtest subtest, int hosts, long transactions, double transactionRate, double elapsedSeconds,
                       double availability, double responseTimeMs, long successful, long failed) {
}
