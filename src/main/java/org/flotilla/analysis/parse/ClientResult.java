package org.flotilla.analysis.parse;

import java.time.Instant;

/**
 * What one iperf client reported at its end: one iperf2 stream's final line, or one iperf3 run.
 *
 * @param start          when the client started, when the log tells (null otherwise)
 * @param bytes          bytes transferred (received when the log tells both)
 * @param bitsPerSecond  the client's bandwidth as the tool computed it
 * @param jitterMs       UDP only, else NaN
 * @param lostPercent    UDP only, else NaN
 */
public record ClientResult(Origin origin, long line, String stream, Instant start, double seconds, double bytes,
                           double bitsPerSecond, double jitterMs, long lostPackets, double lostPercent) {
    public static ClientResult tcp(Origin origin, long line, String stream, Instant start, double seconds, double bytes, double bps) {
        return new ClientResult(origin, line, stream, start, seconds, bytes, bps, Double.NaN, -1, Double.NaN);
    }

    public Instant end() {
        return start == null ? null : start.plusMillis(Math.round(seconds * 1000));
    }
}
