package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.segment.Subtest;

import java.util.List;

/**
 * Bandwidth of one test pattern, on one host or on the whole fleet (host "all"). Transfer in MB
 * (2^20 bytes, iperf's MBytes), bandwidth in Mbit/s (10^6 bit/s, iperf's Mbits/sec).
 *
 * @param perClient the clients' bandwidths in Mbit/s
 * @param slowest   the slowest clients, slowest first
 */
public record BandwidthRow(Subtest subtest, String host, int clients, double transferMB, double totalMbps,
                           Distribution perClient, List<String> slowest, double jitterMs, double lostPercent) {
    public static final String FLEET = "all";

    /** Total bandwidth ÷ clients, as the classic tables define the average. */
    public double averageMbps() {
        return clients == 0 ? Double.NaN : totalMbps / clients;
    }
}
