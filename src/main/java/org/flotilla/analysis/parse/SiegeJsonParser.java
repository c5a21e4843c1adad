package org.flotilla.analysis.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * siege {@code -j}: one small JSON object per run; times in seconds. A field that is there must be
 * a number in its range ("abc", null, [] or 1e400 make the summary a problem, not a host with 0
 * transactions); an optional field that is absent takes its default.
 */
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
                try {
                    sink.siege(summary(origin, line, n));
                } catch (Checked.BadField e) {
                    problems.line(origin.name(), line, "siege JSON summary not counted: " + e.getMessage(), "");
                }
            }
        } catch (JsonProcessingException e) {
            problems.line(origin.name(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "broken siege JSON: " + e.getOriginalMessage(), "");
        }
    }

    private static SiegeResult summary(Origin origin, long line, JsonNode n) {
        long transactions = Checked.count("transactions", number(n, "transactions", Double.NaN));
        double successful = number(n, "successful_transactions", transactions);
        return new SiegeResult(origin, line, transactions, Checked.percent("availability", number(n, "availability", 0)),
                Checked.amount("elapsed_time", number(n, "elapsed_time", Double.NaN)),
                Checked.amount("response_time", number(n, "response_time", 0)) * 1000,
                Checked.amount("transaction_rate", number(n, "transaction_rate", 0)),
                Checked.amount("throughput", number(n, "throughput", 0)),
                Checked.count("successful_transactions", successful),
                Checked.count("failed_transactions", number(n, "failed_transactions", 0)));
    }

    /** The field's number; its default when absent; a problem when it holds anything but a number. */
    private static double number(JsonNode n, String field, double absent) {
        JsonNode v = n.get(field);
        if (v == null) return absent;
        if (!v.isNumber()) throw new Checked.BadField(field, "not a number: " + v);
        return v.asDouble();
    }
}
