package org.flotilla.analysis.parse;

import java.util.AbstractList;
import java.util.Arrays;

/**
 * The cells of a CSV line without quotes, cut only when asked for: a dstat row has dozens of
 * columns (per-CPU groups) of which the analyzer reads seven.
 */
final class LazyCells extends AbstractList<String> {
    private final String line;
    private int[] starts = new int[64];
    private int size;

    LazyCells(String line) {
        this.line = line;
        int from = 0;
        while (true) {
            if (size == starts.length) starts = Arrays.copyOf(starts, size * 2);
            starts[size++] = from;
            int comma = line.indexOf(',', from);
            if (comma < 0) break;
            from = comma + 1;
        }
    }

    @Override
    public String get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("cell " + i + " of " + size);
        int end = i + 1 < size ? starts[i + 1] - 1 : line.length();
        return line.substring(starts[i], end);
    }

    @Override
    public int size() {
        return size;
    }
}
