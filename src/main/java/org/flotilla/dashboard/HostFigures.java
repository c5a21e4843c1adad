package org.flotilla.dashboard;

/**
 * One host's figures of one second, as the live chart gets them.
 *
 * @param bitsPerSecond what its bandwidth logs' newest intervals say (0 when they say nothing)
 * @param cpuBusy       100 - idle of its sampler's newest row, or -1 when it has none
 */
record HostFigures(String id, double bitsPerSecond, double cpuBusy) {
}
