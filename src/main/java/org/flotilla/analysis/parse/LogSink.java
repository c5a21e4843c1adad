package org.flotilla.analysis.parse;

/** Where parsers put what they read, one sample at a time (they keep nothing themselves). */
public interface LogSink {
    default void result(ClientResult r) {
    }

    default void bandwidth(BandwidthPoint p) {
    }

    default void cpu(CpuSample s) {
    }

    default void siege(SiegeResult r) {
    }

    default void locust(LocustStats s) {
    }

    default void locustPoint(LocustPoint p) {
    }
}
