package org.flotilla.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The daemon's control address: HTTP on 127.0.0.1, a random port, a random token that only
 * the owner of daemon.json can read. POST /ping, /configure, /push, /down answer JSON.
 */
final class ControlServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Flotilla-Token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    private final String token;

    /** One thing the daemon does when asked; {@code request} is the JSON body (empty object when none was sent). */
    interface Action {
        Object call(JsonNode request) throws Exception;
    }

    ControlServer(Map<String, Action> actions) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        token = HexFormat.of().formatHex(random);
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the control address on 127.0.0.1", e);
        }
        actions.forEach((name, action) -> http.createContext("/" + name, ex -> handle(ex, action)));
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        }));
        http.start();
    }

    private void handle(HttpExchange ex, Action action) throws IOException {
        try (ex) {
            String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                respond(ex, 403, Map.of("error", "bad token"));
                return;
            }
            try {
                byte[] body = ex.getRequestBody().readAllBytes();
                respond(ex, 200, action.call(body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body)));
            } catch (Exception e) {
                respond(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private static void respond(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    int port() {
        return http.getAddress().getPort();
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        // waits (up to 2 s) for an answer in flight, e.g. to the `down` that ended the daemon
        http.stop(2);
    }
}
