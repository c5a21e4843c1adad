package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.ClientResult;

/** One client of a test pattern: its result, its name in tables, and its bandwidth over time (Mbit/s by seconds since its start). */
public record Client(String host, String label, ClientResult result, Series series) {
    public double mbps() {
        return result.bitsPerSecond() / 1e6;
    }
}
