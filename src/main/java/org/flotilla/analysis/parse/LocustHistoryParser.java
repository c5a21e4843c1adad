package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.flotilla.analysis.parse.HeadedCsv.cell;
import static org.flotilla.analysis.parse.HeadedCsv.amount;
import static org.flotilla.analysis.parse.HeadedCsv.count;
import static org.flotilla.analysis.parse.HeadedCsv.num;

/** Locust {@code _stats_history.csv}: the "Aggregated" rows, one a second or so, as a time series. */
public final class LocustHistoryParser implements LogParser {
    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        HeadedCsv.read(origin, in, problems, "Locust stats history", List.of("Timestamp", "Name"), (cells, header, line) -> {
            if (!cell(cells, header, "Name").equals("Aggregated")) return;
            sink.locustPoint(new LocustPoint(origin, Instant.ofEpochSecond((long) num(cells, header, "Timestamp")),
                    count(cells, header, "User Count"), amount(cells, header, "Requests/s"),
                    amount(cells, header, "Failures/s"), count(cells, header, "Total Request Count"),
                    header.contains("50%") ? amount(cells, header, "50%") : Double.NaN));
        });
    }
}
