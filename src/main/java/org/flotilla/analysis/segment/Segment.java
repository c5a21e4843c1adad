package org.flotilla.analysis.segment;

import java.time.Duration;
import java.time.Instant;

/** The time a test pattern ran on the fleet: from the earliest start to the latest end of its windows. */
public record Segment(Subtest subtest, Instant start, Instant end) {
    public boolean contains(Instant t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }

    public double seconds() {
        return Duration.between(start, end).toMillis() / 1000.0;
    }

    /** The smallest segment holding both. */
    public Segment span(Instant from, Instant to) {
        return new Segment(subtest, from.isBefore(start) ? from : start, to.isAfter(end) ? to : end);
    }
}
