package org.flotilla.analysis.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A segment given by hand: {@code NAME=HH:MM:SS..HH:MM:SS} (UTC, on the day of the logs) or with
 * full ISO instants. NAME is {@code test} or {@code test/pattern}; it replaces a segment of that
 * name or adds one.
 */
public record SegmentOption(Subtest subtest, String from, String to) {
    public static SegmentOption parse(String text) {
        int eq = text.indexOf('=');
        int dots = text.indexOf("..", eq + 1);
        if (eq <= 0 || dots < 0) throw new IllegalArgumentException("--segment " + text + ": expected NAME=HH:MM:SS..HH:MM:SS, e.g. warmup=12:00:05..12:00:35");
        String name = text.substring(0, eq).trim();
        int slash = name.indexOf('/');
        Subtest s = slash < 0 ? new Subtest(name, "") : new Subtest(name.substring(0, slash), name.substring(slash + 1));
        SegmentOption o = new SegmentOption(s, text.substring(eq + 1, dots).trim(), text.substring(dots + 2).trim());
        try {
            Segment check = o.on(LocalDate.EPOCH);
            if (check.end().isBefore(check.start())) throw new IllegalArgumentException("--segment " + text + ": ends before it starts");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--segment " + text + ": " + e.getParsedString() + " is not HH:MM:SS nor an ISO instant");
        }
        return o;
    }

    /** Whether the times need the day of the logs. */
    public boolean timeOfDay() {
        return !from.contains("T");
    }

    public Segment on(LocalDate day) {
        return new Segment(subtest, instant(from, day), instant(to, day));
    }

    private static Instant instant(String s, LocalDate day) {
        if (s.contains("T")) return Instant.parse(s);
        return LocalTime.parse(s).atDate(day).toInstant(ZoneOffset.UTC);
    }
}
