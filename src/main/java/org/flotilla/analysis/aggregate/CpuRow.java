package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.segment.Subtest;

/**
 * A sampler's figures over one test pattern on one host: real length in rows (one a second), CPU
 * percentages (total = 100 − idle) as mean and max, network in bytes per second (mean).
 */
public record CpuRow(Subtest subtest, String host, long rows, double usr, double usrMax, double sys, double sysMax,
                     double total, double totalMax, double iowait, double iowaitMax, double recv, double send) {
}
