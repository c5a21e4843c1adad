package org.flotilla.analysis.parse;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the analyzer could not use, so that nothing is skipped silently: per file, how many
 * lines did not parse and the first few of them; files of unknown kind; files read but not counted.
 * Memory stays small however bad the input is: only the first lines of each file are kept.
 */
public final class Problems {
    /** Lines shown per file; the rest are counted. */
    public static final int SHOWN_PER_FILE = 5;
    private static final int TEXT_LIMIT = 160;

    /** The problems of one file. */
    public record FileProblems(String file, long count, List<Problem> first) {
    }

    /** A file that was read but contributes nothing, and why (an unknown kind, a server log...). */
    public record Ignored(String file, String why) {
    }

    // by file name: files are read in parallel, the listing must not depend on who finished first
    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, List<Problem>> shown = new TreeMap<>();
    private final List<Ignored> ignored = new ArrayList<>();

    public synchronized void line(String file, long line, String message, String text) {
        counts.computeIfAbsent(file, f -> new long[1])[0]++;
        List<Problem> first = shown.computeIfAbsent(file, f -> new ArrayList<>());
        if (first.size() < SHOWN_PER_FILE) first.add(new Problem(file, line, message, cut(text)));
    }

    /** A problem of the whole file (it cannot be read, it ends early...). */
    public void file(String file, String message) {
        line(file, 0, message, "");
    }

    public synchronized void ignored(String file, String why) {
        ignored.add(new Ignored(file, why));
    }

    /** Takes in another's problems (the journal's, read before the logs). */
    public void add(Problems other) {
        for (FileProblems fp : other.byFile()) {
            synchronized (this) {
                counts.computeIfAbsent(fp.file(), f -> new long[1])[0] += fp.count();
                List<Problem> first = shown.computeIfAbsent(fp.file(), f -> new ArrayList<>());
                for (Problem p : fp.first()) if (first.size() < SHOWN_PER_FILE) first.add(p);
            }
        }
        other.ignored().forEach(i -> ignored(i.file(), i.why()));
    }

    /** Lines (and files) that did not parse. */
    public synchronized long count() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    public synchronized List<FileProblems> byFile() {
        List<FileProblems> list = new ArrayList<>();
        counts.forEach((file, c) -> list.add(new FileProblems(file, c[0], List.copyOf(shown.get(file)))));
        return list;
    }

    public synchronized List<Ignored> ignored() {
        return ignored.stream().sorted(java.util.Comparator.comparing(Ignored::file)).toList();
    }

    private static String cut(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < TEXT_LIMIT; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 && c != '\t' || c == 0xfffd ? '?' : c);
        }
        if (text.length() > TEXT_LIMIT) b.append("...");
        return b.toString();
    }
}
