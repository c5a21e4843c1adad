package org.flotilla.dashboard;

/**
 * One host's figures of one second, as the live chart gets them; a figure is null when none of the host's logs gives it.
 *
 * @param bitsPerSecond     what its bandwidth logs' newest intervals say (0 once they have gone quiet)
 * @param cpuBusy           100 - idle of its sampler's newest row
 * @param requestsPerSecond what its Locust stats histories' newest rows say (0 once they have gone quiet)
 * @param failuresPerSecond likewise, failures
 * @param medianMs          the mean of those rows' median response times, null while Locust has none
 * @param summaryOnly       it has a log that gives figures only once its run has ended (siege's summary)
 */
record HostFigures(String id, Double bitsPerSecond, Double cpuBusy, Double requestsPerSecond, Double failuresPerSecond,
                   Double medianMs, boolean summaryOnly) {
}
