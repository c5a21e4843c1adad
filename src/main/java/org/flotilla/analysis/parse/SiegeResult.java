package org.flotilla.analysis.parse;

/** One siege run's summary. Times in seconds except the response time, in milliseconds. */
public record SiegeResult(Origin origin, long line, long transactions, double availability, double elapsedSeconds,
                          double responseTimeMs, double transactionRate, double throughputMBps,
                          long successful, long failed) {
}
