package org.flotilla.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.flotilla.fleet.JournalCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How the dashboard answers: every answer uncached and unframeable, scripts only from itself. */
final class Responses {
    static final ObjectMapper JSON = JournalCodec.json();

    private Responses() {
    }

    static void headers(HttpExchange ex, String type) {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        h.set("Strict-Transport-Security", "max-age=86400");
    }

    static void text(HttpExchange ex, int code, String text) throws IOException {
        bytes(ex, code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpExchange ex, int code, Object body) throws IOException {
        bytes(ex, code, "application/json", JSON.writeValueAsBytes(body));
    }

    static void bytes(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        headers(ex, type);
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
        ex.close();
    }
}
