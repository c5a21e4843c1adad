package org.flotilla.analysis.parse;

import java.time.Instant;

/** One row of a CPU/network sampler (dstat, sadf): percentages, and bytes per second (NaN when absent). */
public record CpuSample(Origin origin, long line, Instant time, double usr, double sys, double idl, double wai,
                        double recv, double send) {
}
