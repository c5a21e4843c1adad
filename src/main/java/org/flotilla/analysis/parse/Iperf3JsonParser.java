package org.flotilla.analysis.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * iperf3 {@code --json}, read as a stream: {@code start} and {@code end} are small and read whole,
 * {@code intervals} one element at a time, so a long test's file is never held in memory.
 * Several documents one after another (a loop appending to one file) are read in turn.
 */
public final class Iperf3JsonParser implements LogParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        long line = 0;
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                line = p.currentLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    problems.line(origin.name(), p.currentLocation().getLineNr(), "not an iperf3 JSON document", t.asString());
                    return;
                }
                document(origin, p, sink, problems);
            }
        } catch (JsonProcessingException e) {
            problems.line(origin.name(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "broken iperf3 JSON: " + e.getOriginalMessage(), "");
        } catch (RuntimeException e) {
            // a value out of any sensible range (a time past year 1e9...): the rest of the file is not to be trusted
            problems.line(origin.name(), line, "bad iperf3 JSON value: " + e.getMessage(), "");
        }
    }

    private static void document(Origin origin, JsonParser p, LogSink sink, Problems problems) throws IOException {
        Instant start = null;
        boolean server = false;
        String error = null;
        boolean result = false;
        long docLine = p.currentLocation().getLineNr();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            long line = p.currentLocation().getLineNr();
            switch (field) {
                case "start" -> {
                    JsonNode n = p.readValueAsTree();
                    if (n.path("timestamp").has("timesecs")) start = Instant.ofEpochSecond(n.path("timestamp").path("timesecs").asLong());
                    server = n.has("accepted_connection");
                }
                case "intervals" -> {
                    if (value != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode sum = ((JsonNode) p.readValueAsTree()).path("sum");
                        if (server || !sum.has("bits_per_second")) continue;
                        double offset = sum.path("start").asDouble();
                        sink.bandwidth(new BandwidthPoint(origin, "", start == null ? null : start.plusMillis(Math.round(offset * 1000)),
                                offset, sum.path("seconds").asDouble(), sum.path("bits_per_second").asDouble()));
                    }
                }
                case "end" -> {
                    JsonNode end = p.readValueAsTree();
                    if (!server) result = end(origin, line, start, end, sink);
                }
                case "error" -> error = value == JsonToken.VALUE_STRING ? p.getText() : String.valueOf((Object) p.readValueAsTree());
                default -> p.skipChildren();
            }
        }
        if (server) {
            problems.ignored(origin.name(), "iperf3 server log: results are taken from the clients' logs");
        } else if (error != null) {
            problems.line(origin.name(), docLine, "iperf3 error: " + error, "");
        } else if (!result) {
            problems.line(origin.name(), docLine, "iperf3 JSON without end.sum_received, end.sum_sent or end.sum", "");
        }
    }

    private static boolean end(Origin origin, long line, Instant start, JsonNode end, LogSink sink) {
        JsonNode udp = end.path("sum");
        if (udp.has("jitter_ms")) {
            sink.result(new ClientResult(origin, line, "", start, udp.path("seconds").asDouble(), udp.path("bytes").asDouble(),
                    udp.path("bits_per_second").asDouble(), udp.path("jitter_ms").asDouble(),
                    udp.path("lost_packets").asLong(), udp.path("lost_percent").asDouble()));
            return true;
        }
        JsonNode sum = end.has("sum_received") ? end.path("sum_received") : end.path("sum_sent");
        if (!sum.has("bits_per_second")) return false;
        sink.result(ClientResult.tcp(origin, line, "", start, sum.path("seconds").asDouble(), sum.path("bytes").asDouble(),
                sum.path("bits_per_second").asDouble()));
        return true;
    }
}
