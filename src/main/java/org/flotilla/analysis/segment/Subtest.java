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

    /** "5s" before "10s": patterns are often sizes or durations. Hand-scanned: it runs for every sample's lookup. */
    static int natural(String a, String b) {
        int la = leadingDigits(a);
        int lb = leadingDigits(b);
        if (la > 0 && lb > 0 && la < 10 && lb < 10) {
            int c = Long.compare(Long.parseLong(a, 0, la, 10), Long.parseLong(b, 0, lb, 10));
            if (c != 0) return c;
        }
        return a.compareTo(b);
    }

    private static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }
}
