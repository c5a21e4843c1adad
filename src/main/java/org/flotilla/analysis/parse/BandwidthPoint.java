package org.flotilla.analysis.parse;

import java.time.Instant;

/**
 * One interval of one iperf client: bandwidth from {@code offset} seconds after the client's start
 * until {@code offset + seconds}. {@code time} is the absolute start of the interval when known.
 */
public record BandwidthPoint(Origin origin, String stream, Instant time, double offset, double seconds, double bitsPerSecond) {
}
