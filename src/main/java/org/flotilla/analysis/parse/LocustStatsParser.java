package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.flotilla.analysis.parse.HeadedCsv.cell;
import static org.flotilla.analysis.parse.HeadedCsv.amount;
import static org.flotilla.analysis.parse.HeadedCsv.count;

/**
 * Locust {@code _stats.csv}: one row per request name and one "Aggregated" row, columns found by
 * their header names; the percentile columns ("50%" ... "100%") keep their fractions, "N/A" cells
 * (no requests) are left out of them. Counts must be whole and in range, rates and times finite and not
 * negative: a row with 1e300 requests is a problem, not a figure.
 */
public final class LocustStatsParser implements LogParser {
    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        HeadedCsv.read(origin, in, problems, "Locust stats", List.of("Name", "Request Count"), (cells, header, line) -> {
            SortedMap<Double, Double> percentiles = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                if (h.endsWith("%") && !cells.get(i).equals("N/A")) {
                    percentiles.put(Units.number(h.substring(0, h.length() - 1)) / 100, Checked.amount(h, Units.number(cells.get(i))));
                }
            }
            sink.locust(new LocustStats(origin, line, cell(cells, header, "Type"), cell(cells, header, "Name"),
                    count(cells, header, "Request Count"), count(cells, header, "Failure Count"),
                    amount(cells, header, "Average Response Time"), amount(cells, header, "Min Response Time"),
                    amount(cells, header, "Max Response Time"), amount(cells, header, "Requests/s"),
                    amount(cells, header, "Failures/s"), percentiles));
        });
    }
}
