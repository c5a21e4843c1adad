package org.flotilla.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.flotilla.fleet.JournalCodec;

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
import java.util.function.Consumer;

/**
 * The daemon's control address: HTTP on 127.0.0.1, a random port, a random token that only the
 * owner of daemon.json can read. A request is POST /ACTION with its {@link ControlRequest} as
 * JSON; the answer is a stream of JSON lines: {"say": ...} for each line of progress as it
 * happens, then {"answer": ...} or {"error": ...}.
 */
final class ControlServer implements AutoCloseable {
    /** What one action does with its request; {@code say} reaches the command's terminal at once. */
    interface Action<R extends ControlRequest> {
        Object run(R request, Consumer<String> say) throws Exception;
    }

    static final String TOKEN_HEADER = "X-Flotilla-Token";
    private static final ObjectMapper JSON = JournalCodec.json();
    private final HttpServer http;
    private final String token;

    ControlServer() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        token = HexFormat.of().formatHex(random);
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the control address on 127.0.0.1", e);
        }
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        }));
    }

    <R extends ControlRequest> ControlServer on(String action, Class<R> request, Action<R> does) {
        http.createContext("/" + action, ex -> handle(ex, request, does));
        return this;
    }

    ControlServer start() {
        http.start();
        return this;
    }

    private <R extends ControlRequest> void handle(HttpExchange ex, Class<R> type, Action<R> action) throws IOException {
        try (ex) {
            String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                byte[] refused = line(Map.of("error", "bad token"));
                ex.sendResponseHeaders(403, refused.length);
                ex.getResponseBody().write(refused);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            Object last;
            try {
                R request = JSON.readValue(ex.getRequestBody(), type);
                last = Map.of("answer", action.run(request, say -> send(out, Map.of("say", say))));
            } catch (Exception e) {
                last = Map.of("error", String.valueOf(e.getMessage()));
            }
            send(out, last);
            out.close();
        }
    }

    private static void send(OutputStream out, Object line) {
        try {
            synchronized (out) {
                out.write(line(line));
                out.flush();
            }
        } catch (IOException e) {
            // the command went away: the action goes on, as it would had it been started here
        }
    }

    private static byte[] line(Object body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
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
