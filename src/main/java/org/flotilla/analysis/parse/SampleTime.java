package org.flotilla.analysis.parse;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The times samplers print: dstat's {@code dd-MM HH:mm:ss[.SSS]} (no year: the caller knows it),
 * {@code yyyy-MM-dd HH:mm:ss} (sadf, a DSTAT_TIMEFMT), or epoch seconds. Read as UTC, as the fleet's
 * clocks are. Parsed by hand: there is one per sample and a day's logs hold millions.
 */
final class SampleTime {
    private final int year;
    private int cachedKey = -1;
    private long cachedDay;

    SampleTime(int year) {
        this.year = year;
    }

    Instant parse(String s) {
        s = s.trim();
        int n = s.length();
        if (n >= 14 && s.charAt(2) == '-' && s.charAt(5) == ' ' && s.charAt(8) == ':' && s.charAt(11) == ':') {
            return at(year, num(s, 3, 5), num(s, 0, 2), s, 6, 14);
        }
        if (n >= 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && (s.charAt(10) == ' ' || s.charAt(10) == 'T') && s.charAt(13) == ':') {
            return at(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), s, 11, 19);
        }
        double epoch = Double.parseDouble(s);
        if (!(epoch > 0 && epoch < 1e11)) throw new IllegalArgumentException("not a time: " + s);
        return Instant.ofEpochMilli(Math.round(epoch * 1000));
    }

    private Instant at(int y, int month, int day, String s, int clock, int clockEnd) {
        int key = y * 10000 + month * 100 + day;
        if (key != cachedKey) {
            cachedDay = LocalDate.of(y, month, day).toEpochDay();
            cachedKey = key;
        }
        int h = num(s, clock, clock + 2);
        int m = num(s, clock + 3, clock + 5);
        int sec = num(s, clock + 6, clock + 8);
        if (h > 23 || m > 59 || sec > 60) throw new IllegalArgumentException("not a time: " + s);
        long millis = 0;
        if (s.length() > clockEnd + 1 && s.charAt(clockEnd) == '.') {
            int end = clockEnd + 1;
            while (end < s.length() && end < clockEnd + 4 && Character.isDigit(s.charAt(end))) end++;
            millis = num(s, clockEnd + 1, end) * (long) Math.pow(10, 3 - (end - clockEnd - 1));
        }
        return Instant.ofEpochSecond(cachedDay * 86400 + h * 3600L + m * 60L + sec).plusMillis(millis);
    }

    private static int num(String s, int from, int to) {
        if (to <= from) throw new IllegalArgumentException("not a time: " + s);
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("not a time: " + s);
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
