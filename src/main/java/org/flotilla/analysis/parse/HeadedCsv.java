package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A CSV log whose first line names its columns (Locust's files): each row is handed over with the
 * header; a row that does not fit is a problem with its line, a wrong header one for the file.
 */
final class HeadedCsv {
    interface Row {
        void accept(List<String> cells, List<String> header, long line);
    }

    private HeadedCsv() {
    }

    static void read(Origin origin, InputStream in, Problems problems, String kind, List<String> needed, Row row) throws IOException {
        Lines lines = new Lines(in);
        List<String> header = null;
        String text;
        while ((text = lines.next()) != null) {
            if (text.isBlank()) continue;
            List<String> cells = CsvCells.split(text, ',');
            if (header == null) {
                if (!cells.containsAll(needed)) {
                    problems.line(origin.name(), lines.number(), "not a " + kind + " header", text);
                    return;
                }
                header = cells;
                continue;
            }
            try {
                if (cells.size() != header.size()) throw new IllegalArgumentException(cells.size() + " cells, the header has " + header.size());
                row.accept(cells, header, lines.number());
            } catch (RuntimeException e) {
                problems.line(origin.name(), lines.number(), "not a " + kind + " row: " + e.getMessage(), text);
            }
        }
    }

    static String cell(List<String> cells, List<String> header, String column) {
        int i = header.indexOf(column);
        if (i < 0) throw new IllegalArgumentException("no column " + column);
        return cells.get(i);
    }

    static double num(List<String> cells, List<String> header, String column) {
        String c = cell(cells, header, column);
        if (c.equals("N/A")) return Double.NaN;
        try {
            return Units.number(c);
        } catch (NumberFormatException e) {
            throw new Checked.BadField(column, e.getMessage());
        }
    }

    /** A count column: a whole number in range, else the row is a problem naming the column. */
    static long count(List<String> cells, List<String> header, String column) {
        return Checked.count(column, num(cells, header, column));
    }

    /** A rate or time column: "N/A" stays NaN; otherwise finite and not negative. */
    static double amount(List<String> cells, List<String> header, String column) {
        double v = num(cells, header, column);
        return Double.isNaN(v) ? v : Checked.amount(column, v);
    }
}
