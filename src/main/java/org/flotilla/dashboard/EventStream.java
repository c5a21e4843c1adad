package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One page's server-sent events: named events with a JSON body each, on a response that stays open. */
final class EventStream {
    private final OutputStream out;

    EventStream(HttpExchange ex) throws IOException {
        Responses.headers(ex, "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        this.out = ex.getResponseBody();
    }

    void send(String event, Object body) throws IOException {
        byte[] json = Responses.JSON.writeValueAsBytes(body);
        synchronized (out) {
            out.write(("event: " + event + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.write(json); // JSON has no raw newline: one data line
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** A comment line: finds a page that has gone away (the write fails) and keeps proxies from closing the stream. */
    void heartbeat() throws IOException {
        synchronized (out) {
            out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    static Map<String, Object> hosts(Object rows) {
        return Map.of("now", System.currentTimeMillis(), "hosts", rows);
    }
}
