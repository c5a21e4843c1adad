package org.flotilla.analysis.segment;

import java.util.Comparator;

/** A test and one of its patterns (the classic tables' "Test" and "Subtest"); pattern is "" when the test has none. */
public record Subtest(String test, String pattern) implements Comparable<Subtest> {
    private static final Comparator<Subtest> ORDER = Comparator.comparing(Subtest::test).thenComparing(Subtest::pattern, Subtest::natural);

    public Subtest {
        test = test == null ? "" : test;
        pattern = pattern == null ? "" : pattern;
    }

    public String label() {
        return pattern.isEmpty() ? test : test + "/" + pattern;
    }

    @Override
    public int compareTo(Subtest o) {
        return ORDER.compare(this, o);
    }

    /** "5s" before "10s": patterns are often sizes or durations. */
    static int natural(String a, String b) {
        String na = a.replaceAll("\\D.*$", "");
        String nb = b.replaceAll("\\D.*$", "");
        if (!na.isEmpty() && !nb.isEmpty() && na.length() < 10 && nb.length() < 10) {
            int c = Long.compare(Long.parseLong(na), Long.parseLong(nb));
            if (c != 0) return c;
        }
        return a.compareTo(b);
    }
}
