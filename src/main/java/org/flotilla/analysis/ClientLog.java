package org.flotilla.analysis;

import org.flotilla.analysis.aggregate.Series;
import org.flotilla.analysis.parse.BandwidthPoint;
import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One bandwidth log's results and its streams' intervals (Mbit/s by seconds since the client's start), until it is placed. */
final class ClientLog implements LogSink {
    final Origin origin;
    final List<ClientResult> results = new ArrayList<>();
    final Map<String, Series> series = new HashMap<>();

    ClientLog(Origin origin) {
        this.origin = origin;
    }

    @Override
    public void result(ClientResult r) {
        results.add(r);
    }

    private String lastStream;
    private Series last;

    @Override
    public void bandwidth(BandwidthPoint p) {
        // a log's intervals come stream by stream mostly: the last stream's series is at hand without a lookup
        if (!p.stream().equals(lastStream)) {
            last = series.computeIfAbsent(p.stream(), s -> new Series());
            lastStream = p.stream();
        }
        last.add(p.offset(), p.bitsPerSecond() / 1e6);
    }
}
