package org.flotilla.analysis.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;

/** siege {@code -j}: one small JSON object per run; times in seconds. */
public final class SiegeJsonParser implements LogParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        try (var p = JSON.getFactory().createParser(in)) {
            while (p.nextToken() != null) {
                long line = p.currentLocation().getLineNr();
                JsonNode n = p.readValueAsTree();
                if (n == null || !n.isObject() || !n.has("transactions") || !n.has("elapsed_time")) {
                    problems.line(origin.name(), line, "not a siege JSON summary", String.valueOf(n));
                    continue;
                }
                long transactions = n.path("transactions").asLong();
                sink.siege(new SiegeResult(origin, line, transactions, n.path("availability").asDouble(),
                        n.path("elapsed_time").asDouble(), n.path("response_time").asDouble() * 1000,
                        n.path("transaction_rate").asDouble(), n.path("throughput").asDouble(),
                        n.path("successful_transactions").asLong(transactions), n.path("failed_transactions").asLong()));
            }
        } catch (JsonProcessingException e) {
            problems.line(origin.name(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "broken siege JSON: " + e.getOriginalMessage(), "");
        }
    }
}
